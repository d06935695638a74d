using System.Numerics;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Bandit;
using NotificationActors.Policy.Time;

namespace NotificationActors.Learning.Evaluation;

/// <summary>
/// A ranker's trial, judged send by send. For <see cref="Weeks"/> weeks from <see cref="FirstWeek"/> the champion
/// ranker paces every decision of the causal ranking arms as it would alone; at each send both rankers pick a message
/// and a fair coin sends one of the two picks (<see cref="Policy.Fast.FastPolicy.Decide"/>). A send at which the picks
/// differed is a unit (<see cref="Abstractions.Members.DecisionRecord.RankerDuel"/>), on the side of the ranker whose pick went out, with the
/// member's engaged days over the send's day and the next as its outcome (the causal ranker's own label). The effect is
/// estimated within members (member fixed effects: each member's units less their own mean), so it compares a member
/// with themselves, and its standard error is clustered by member. A member-split trial of a ranker measured each side's
/// two weeks of engaged days, whose spread dwarfs what a better message choice adds (+- 0.073 days at 20,000 members
/// against effects of a hundredth); here the spread between members drops out and the sends where both rankers agree,
/// which carry none of the effect, add none of the noise. The challenger is promoted when it beats the champion by more
/// than 1.645 standard errors and the share of its units whose week ended in an opt-out is no more than one standard
/// error above the champion's.
/// </summary>
public sealed class RankerDuelTrial
{
    /// <summary>Fewest units each side needs; below it the champion stays.</summary>
    public const int MinUnits = 200;

    private const double Margin = 1.645;

    // A member's units: every send the trial counts is a member's, and the arm's size bounds the members.
    private readonly Dictionary<string, List<Unit>> _members = new(StringComparer.Ordinal);

    /// <summary>A duel of ranker <paramref name="challenger"/> against <paramref name="champion"/> from <paramref name="firstWeek"/>, judged on <paramref name="weeks"/> weeks.</summary>
    public RankerDuelTrial(string challenger, string champion, IsoWeek firstWeek, int weeks = ChallengerTrial.DefaultWeeks)
    {
        ArgumentNullException.ThrowIfNull(challenger);
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        (Challenger, Champion, FirstWeek, Weeks) = (challenger, champion, firstWeek, weeks);
    }

    public string Challenger { get; }

    public string Champion { get; }

    public IsoWeek FirstWeek { get; }

    public int Weeks { get; }

    /// <summary>The last week whose records the duel reads.</summary>
    public IsoWeek LastWeek => IsoWeek.Containing(FirstWeek.Start.AddDays(7 * (Weeks - 1)));

    /// <summary>Takes one closed member-week: its units if the week is the duel's; any other record is ignored.</summary>
    public void Add(MemberWeekRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.EngagedDayMask is not { } mask || !IsoWeek.TryParse(record.Week, out var week) || week < FirstWeek || week > LastWeek) return;
        var optedOut = record.OptedOut.Count > 0;
        foreach (var decision in record.Decisions)
        {
            if (!decision.RankerDuel) continue;
            var challenger = string.Equals(decision.RankerVersion, Challenger, StringComparison.Ordinal);
            if (!challenger && !string.Equals(decision.RankerVersion, Champion, StringComparison.Ordinal)) continue;

            // The outcome's days must lie in the week the record keeps, as the causal ranker's own labels do.
            var day = (int)Math.Floor((decision.Time - week.Start).TotalDays);
            if (day < 0 || day + CausalData.HorizonDays > 7) continue;
            var engaged = BitOperations.PopCount((uint)(mask >> day) & ((1u << CausalData.HorizonDays) - 1));
            if (!_members.TryGetValue(record.MemberId, out var units)) _members[record.MemberId] = units = [];
            units.Add(new Unit(challenger, engaged, optedOut));
        }
    }

    /// <summary>The test on the units read.</summary>
    public TrialResult Decide()
    {
        // Within each member: the effect is the slope of the outcome on the side, both less the member's mean.
        double spread = 0, covariance = 0;
        foreach (var units in _members.Values)
        {
            var (side, outcome) = (units.Average(u => u.Side), units.Average(u => u.Outcome));
            foreach (var u in units)
            {
                spread += (u.Side - side) * (u.Side - side);
                covariance += (u.Side - side) * (u.Outcome - outcome);
            }
        }

        var effect = spread > 0 ? covariance / spread : double.NaN;
        double variance = 0;
        foreach (var units in _members.Values)
        {
            var (side, outcome) = (units.Average(u => u.Side), units.Average(u => u.Outcome));
            var score = units.Sum(u => (u.Side - side) * (u.Outcome - outcome - (effect * (u.Side - side))));
            variance += score * score;
        }

        var all = _members.Values.SelectMany(u => u).ToArray();
        var (challengerUnits, championUnits) = (all.Count(u => u.Challenger), all.Count(u => !u.Challenger));
        var (challengerOptOut, championOptOut) = (Rate(all, true, u => u.OptedOut ? 1 : 0), Rate(all, false, u => u.OptedOut ? 1 : 0));

        // The opt-out rates' difference, its error clustered by member: each unit's influence on its side's mean, summed per member.
        double optOutVariance = 0;
        foreach (var units in _members.Values)
        {
            var influence = units.Sum(u => u.Challenger
                ? ((u.OptedOut ? 1 : 0) - challengerOptOut) / challengerUnits
                : -((u.OptedOut ? 1 : 0) - championOptOut) / championUnits);
            optOutVariance += influence * influence;
        }

        var standardError = spread > 0 ? Math.Sqrt(variance) / spread : double.PositiveInfinity;
        var optOutError = Math.Sqrt(optOutVariance);
        var enough = challengerUnits >= MinUnits && championUnits >= MinUnits;
        return new TrialResult
        {
            Challenger = Challenger,
            Champion = Champion,
            FirstWeek = FirstWeek.ToString(),
            Weeks = Weeks,
            PerSend = true,
            ChallengerMembers = challengerUnits,
            ChampionMembers = championUnits,
            ChallengerValue = Rate(all, true, u => u.Outcome),
            ChampionValue = Rate(all, false, u => u.Outcome),
            Improvement = effect,
            StandardError = standardError,
            ChallengerOptOutRate = challengerOptOut,
            ChampionOptOutRate = championOptOut,
            OptOutStandardError = optOutError,
            Promoted = enough && effect > Margin * standardError && challengerOptOut - championOptOut <= optOutError,
        };
    }

    private static double Rate(Unit[] units, bool challenger, Func<Unit, double> value)
    {
        var side = units.Where(u => u.Challenger == challenger).ToArray();
        return side.Length == 0 ? double.NaN : side.Average(value);
    }

    private sealed record Unit(bool Challenger, int Outcome, bool OptedOut)
    {
        public double Side => Challenger ? 1 : 0;
    }
}
