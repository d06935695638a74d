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

    // Each member's sums over their units, all the estimate needs: a member's units stay a few a week however long the duel.
    private readonly Dictionary<string, Sums> _members = new(StringComparer.Ordinal);

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
            _members[record.MemberId] = _members.GetValueOrDefault(record.MemberId).With(challenger, engaged, optedOut);
        }
    }

    /// <summary>The test on the units read.</summary>
    public TrialResult Decide()
    {
        // Within each member: the effect is the slope of the outcome on the side, both less the member's mean. With a
        // side z in {0, 1}, sum (z - mean z)^2 = Z - n mean z^2 and sum (z - mean z)(y - mean y) = ZY - n mean z mean y.
        double spread = 0, covariance = 0;
        foreach (var m in _members.Values)
        {
            spread += m.SideSpread;
            covariance += m.SideCovariance;
        }

        var effect = spread > 0 ? covariance / spread : double.NaN;
        var total = _members.Values.Aggregate(default(Sums), (sum, m) => sum + m);
        var (challengerUnits, championUnits) = (total.Challenger, total.Units - total.Challenger);
        var challengerOptOut = (double)total.ChallengerOptedOut / challengerUnits;
        var championOptOut = (double)(total.OptedOut - total.ChallengerOptedOut) / championUnits;

        // The errors, clustered by member: the effect's from each member's score (their units' residuals times their
        // centred sides), the opt-out rates' difference from each member's units' influence on their side's rate.
        double variance = 0, optOutVariance = 0;
        foreach (var m in _members.Values)
        {
            var score = m.SideCovariance - (effect * m.SideSpread);
            variance += score * score;
            var influence = ((m.ChallengerOptedOut - (challengerOptOut * m.Challenger)) / challengerUnits)
                - ((m.OptedOut - m.ChallengerOptedOut - (championOptOut * (m.Units - m.Challenger))) / championUnits);
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
            ChallengerValue = (double)total.ChallengerEngaged / challengerUnits,
            ChampionValue = (double)(total.Engaged - total.ChallengerEngaged) / championUnits,
            Improvement = effect,
            StandardError = standardError,
            ChallengerOptOutRate = challengerOptOut,
            ChampionOptOutRate = championOptOut,
            OptOutStandardError = optOutError,
            Promoted = enough && effect > Margin * standardError && challengerOptOut - championOptOut <= optOutError,
        };
    }

    // One member's units: how many, how many on the challenger's side, their engaged days (all, the challenger's) and
    // how many ended their week opted out (all, the challenger's).
    private readonly record struct Sums(int Units, int Challenger, int Engaged, int ChallengerEngaged, int OptedOut, int ChallengerOptedOut)
    {
        public double SideSpread => Units == 0 ? 0 : Challenger - ((double)Challenger * Challenger / Units);

        public double SideCovariance => Units == 0 ? 0 : ChallengerEngaged - ((double)Challenger * Engaged / Units);

        public Sums With(bool challenger, int engaged, bool optedOut)
        {
            var (side, opted) = (challenger ? 1 : 0, optedOut ? 1 : 0);
            return new Sums(Units + 1, Challenger + side, Engaged + engaged, ChallengerEngaged + (side * engaged), OptedOut + opted, ChallengerOptedOut + (side * opted));
        }

        public static Sums operator +(Sums a, Sums b) => new(a.Units + b.Units, a.Challenger + b.Challenger, a.Engaged + b.Engaged,
            a.ChallengerEngaged + b.ChallengerEngaged, a.OptedOut + b.OptedOut, a.ChallengerOptedOut + b.ChallengerOptedOut);
    }
}
