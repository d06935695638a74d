using System.Globalization;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Abstractions.Members;
using NotificationActors.Learning.Models;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;

namespace NotificationActors.Learning.Evaluation;

/// <summary>
/// A live champion/challenger test: for <see cref="Weeks"/> weeks from <see cref="FirstWeek"/>, a random half of the
/// arm's members planned with the challenger (their first week's record names its version) and the rest with the
/// champion. Each member's outcome is their engaged days over those weeks less every channel they left at the
/// utility's price for it, adjusted for what was known of them before the trial: CUPED in its regression form, the
/// outcome less a least-squares prediction from their mean engaged days a week in the weeks before the trial that the
/// loop read (<see cref="AddPreTrial"/>) and every member feature the first week's plans were made with
/// (<see cref="MemberFeatures.Names"/>: activity, open rates, recent sends, days since engaged), fitted on both sides
/// pooled, which removes most of the between-member spread. The challenger is promoted when its mean beats the
/// champion's by more than 1.645 standard errors and its opt-out rate is no more than one standard error above. Unlike
/// the off-policy check on explored weeks, every member of the arm counts, not the tenth whose plan was explored: the
/// standard error is a few hundredths of a day where that one was tenths.
/// <para>
/// Only members whose first week the two versions planned differently count (<see cref="MemberWeekRecord.TrialPlansDiffer"/>,
/// computed alike on both sides from what was known before the week, so the choice favours neither): for the rest the
/// versions were the same treatment that week, and they would add only their weeks' noise. A gain among fewer members
/// is larger each, and its distance in standard errors grows by one over the square root of their share. A record
/// without the flag (written before it was kept) counts.
/// </para>
/// </summary>
public sealed class ChallengerTrial
{
    /// <summary>Fewest members each side needs; below it the champion stays.</summary>
    public const int MinMembers = 200;

    /// <summary>One-sided 95% normal quantile.</summary>
    private const double Margin = 1.645;

    // The member's own features: the usual dismiss rate describes the population a member plans among, and where the
    // two sides read it from different tallies it would tell the fit which side a member is on.
    private static readonly string[] MemberCovariates = [.. MemberFeatures.Names.Where(name => name != MemberFeatures.UsualDismissRateName)];

    private static readonly int CovariateCount = MemberCovariates.Length + 2;

    // Standardised weights barely penalised: enough to keep collinear features solvable, not to shrink the fit.
    private const double CovariatePenalty = 1e-3;

    // Every member of the arm at most once; the arm's size bounds both.
    private readonly Dictionary<string, MemberOutcome> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Days, int Weeks)> _preTrial = new(StringComparer.Ordinal);
    private readonly double _pushOptOutCost;
    private readonly double _emailOptOutCost;

    /// <summary>Default <see cref="Weeks"/>.</summary>
    public const int DefaultWeeks = 2;

    /// <summary>A trial of <paramref name="challenger"/> against <paramref name="champion"/> whose first planned week is <paramref name="firstWeek"/>, judged on <paramref name="weeks"/> weeks.</summary>
    public ChallengerTrial(string challenger, string champion, IsoWeek firstWeek, SlowPolicyOptions costs, int weeks = DefaultWeeks)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 2);
        Weeks = weeks;
        Challenger = challenger;
        Champion = champion;
        FirstWeek = firstWeek;
        _pushOptOutCost = costs.PushOptOutCost;
        _emailOptOutCost = costs.EmailOptOutCost;
    }

    public string Challenger { get; }

    public string Champion { get; }

    public IsoWeek FirstWeek { get; }

    /// <summary>Weeks the trial is judged on: at least two, so the last pays for the fatigue the first handed it.</summary>
    public int Weeks { get; }

    /// <summary>The last week whose records the trial reads.</summary>
    public IsoWeek LastWeek => IsoWeek.Containing(FirstWeek.Start.AddDays(7 * (Weeks - 1)));

    /// <summary>
    /// Counts <paramref name="engagedDays"/> of one week before the trial to <paramref name="memberId"/>'s pre-period,
    /// which the trial adjusts for: a long pre-period tells a member's own level from a lucky week far better than the
    /// plans' smoothed activity feature, and the level's spread is most of the trial's error beyond the daily coin flips.
    /// </summary>
    public void AddPreTrial(string memberId, int engagedDays)
    {
        ArgumentNullException.ThrowIfNull(memberId);
        var (days, weeks) = _preTrial.GetValueOrDefault(memberId);
        _preTrial[memberId] = (days + engagedDays, weeks + 1);
    }

    /// <summary>
    /// Takes one closed member-week of the arm: a week before the trial adds to its member's pre-period, a first-week
    /// record planned by either version enrols its member, each following week's record of the trial adds to them while
    /// their weeks run unbroken, the last completes them; any other record is not the trial's and is ignored.
    /// </summary>
    public void Add(MemberWeekRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!IsoWeek.TryParse(record.Week, out var week)) return;
        if (week < FirstWeek)
        {
            AddPreTrial(record.MemberId, record.EngagedDays);
            return;
        }

        var lost = (record.OptedOut.Contains(MessageChannel.Push) ? _pushOptOutCost : 0) + (record.OptedOut.Contains(MessageChannel.Email) ? _emailOptOutCost : 0);
        if (week == FirstWeek)
        {
            var challenger = string.Equals(record.ModelVersion, Challenger, StringComparison.Ordinal);
            if (!challenger && !string.Equals(record.ModelVersion, Champion, StringComparison.Ordinal)) return;
            _members[record.MemberId] = new MemberOutcome(challenger, record.TrialPlansDiffer != false, Covariates(record.MemberId, record.Features), record.EngagedDays - lost, record.OptedOut.Count > 0, WeeksSeen: 1);
        }
        else if (week > FirstWeek && week <= LastWeek && _members.TryGetValue(record.MemberId, out var enrolled) && enrolled.WeeksSeen == WeeksFrom(week))
        {
            _members[record.MemberId] = enrolled with { Outcome = enrolled.Outcome + record.EngagedDays - lost, OptedOut = enrolled.OptedOut || record.OptedOut.Count > 0, WeeksSeen = enrolled.WeeksSeen + 1 };
        }
    }

    /// <summary>The test on the members whose every week of the trial arrived and whose first week the versions planned differently.</summary>
    public TrialResult Decide()
    {
        var completed = _members.Values.Where(m => m.WeeksSeen == Weeks).ToArray();
        var members = completed.Where(m => m.PlansDiffer).ToArray();

        // One prediction for both sides pooled: the adjustment is the same function for each, so it cannot favour one.
        var prediction = Predictor(members);
        var meanPrediction = members.Length == 0 ? 0 : members.Average(m => prediction(m.PreTrial));
        var challenger = Side(members.Where(m => m.Challenger), m => m.Outcome - (prediction(m.PreTrial) - meanPrediction));
        var champion = Side(members.Where(m => !m.Challenger), m => m.Outcome - (prediction(m.PreTrial) - meanPrediction));
        var standardError = Math.Sqrt((challenger.Variance / challenger.Count) + (champion.Variance / champion.Count));
        var optOutError = Math.Sqrt((challenger.OptOutRate * (1 - challenger.OptOutRate) / challenger.Count) + (champion.OptOutRate * (1 - champion.OptOutRate) / champion.Count));
        var improvement = challenger.Mean - champion.Mean;
        var enough = challenger.Count >= MinMembers && champion.Count >= MinMembers;
        return new TrialResult
        {
            Challenger = Challenger,
            Champion = Champion,
            FirstWeek = FirstWeek.ToString(),
            Weeks = Weeks,
            ChallengerMembers = challenger.Count,
            ChampionMembers = champion.Count,
            AlikeMembers = completed.Length - members.Length,
            ChallengerValue = challenger.Mean,
            ChampionValue = champion.Mean,
            Improvement = improvement,
            StandardError = standardError,
            ChallengerOptOutRate = challenger.OptOutRate,
            ChampionOptOutRate = champion.OptOutRate,
            OptOutStandardError = optOutError,
            Promoted = enough && improvement > Margin * standardError && challenger.OptOutRate - champion.OptOutRate <= optOutError,
        };
    }

    // The member's features, then their pre-period's mean engaged days a week and whether they have one (a member new
    // to the arm has none: the indicator lets the fit give them their own level rather than a week of zero).
    private float[] Covariates(string memberId, IReadOnlyDictionary<string, double> features)
    {
        var covariates = new float[CovariateCount];
        for (var i = 0; i < MemberCovariates.Length; i++)
        {
            covariates[i] = (float)features.GetValueOrDefault(MemberCovariates[i]);
        }

        if (_preTrial.TryGetValue(memberId, out var pre))
        {
            covariates[^2] = (float)pre.Days / pre.Weeks;
            covariates[^1] = 1;
        }

        return covariates;
    }

    // The outcome's least-squares prediction from the pre-trial features; with too few members to fit, none.
    private static Func<float[], double> Predictor(IReadOnlyCollection<MemberOutcome> members)
    {
        if (members.Count <= CovariateCount) return _ => 0;
        var regression = new RidgeRegression(CovariateCount);
        foreach (var m in members) regression.Add(m.PreTrial, m.Outcome);
        var fit = regression.Solve(CovariatePenalty);
        return covariates => fit.Score(covariates);
    }

    private static (int Count, double Mean, double Variance, double OptOutRate) Side(IEnumerable<MemberOutcome> members, Func<MemberOutcome, double> adjust)
    {
        var adjusted = members.Select(m => (Value: adjust(m), m.OptedOut)).ToArray();
        if (adjusted.Length < 2) return (adjusted.Length, double.NaN, double.PositiveInfinity, double.NaN);
        var mean = adjusted.Average(a => a.Value);
        var variance = adjusted.Sum(a => (a.Value - mean) * (a.Value - mean)) / (adjusted.Length - 1);
        return (adjusted.Length, mean, variance, adjusted.Count(a => a.OptedOut) / (double)adjusted.Length);
    }

    // Weeks from the first to week, which a member must have seen for week's record to continue their trial.
    private int WeeksFrom(IsoWeek week) => (int)((week.Start - FirstWeek.Start).TotalDays / 7);

    private sealed record MemberOutcome(bool Challenger, bool PlansDiffer, float[] PreTrial, double Outcome, bool OptedOut, int WeeksSeen);
}

/// <summary>
/// What a <see cref="ChallengerTrial"/> found (engaged days a member over its weeks less opt-outs at their price,
/// CUPED-adjusted), or a <see cref="RankerDuelTrial"/> (engaged days over a send's day and the next, within members;
/// its "members" are sends at which the rankers' picks differed, and its opt-out rates the share of those whose week
/// ended in an opt-out).
/// </summary>
public sealed record TrialResult
{
    public required string Challenger { get; init; }

    public required string Champion { get; init; }

    public required string FirstWeek { get; init; }

    /// <summary>Weeks the trial was judged on.</summary>
    public int Weeks { get; init; } = ChallengerTrial.DefaultWeeks;

    public required int ChallengerMembers { get; init; }

    public required int ChampionMembers { get; init; }

    /// <summary>Members who completed a <see cref="ChallengerTrial"/> but whose first week the two versions planned alike, left out of the test.</summary>
    public int AlikeMembers { get; init; }

    public required double ChallengerValue { get; init; }

    public required double ChampionValue { get; init; }

    /// <summary>Challenger less champion, per member.</summary>
    public required double Improvement { get; init; }

    public required double StandardError { get; init; }

    /// <summary>Share of the challenger's members who left a channel in the trial's weeks.</summary>
    public required double ChallengerOptOutRate { get; init; }

    public required double ChampionOptOutRate { get; init; }

    public required double OptOutStandardError { get; init; }

    public required bool Promoted { get; init; }

    /// <summary>Whether the trial was a ranker's duel, judged per send (<see cref="RankerDuelTrial"/>), rather than per member.</summary>
    public bool PerSend { get; init; }

    /// <summary>
    /// One sentence for a report. A side with too few members (a duel's: sends) to judge says so rather than print its
    /// undefined mean (a duel whose rankers never picked differently has no units at all).
    /// </summary>
    public override string ToString()
    {
        var (minimum, units, per, counted) = PerSend
            ? (RankerDuelTrial.MinUnits, "sends where the picks differed", "a send over its day and the next", "")
            : (ChallengerTrial.MinMembers, AlikeMembers > 0 ? "members whose plans differed" : "members", $"a member over {Weeks} weeks",
                string.Create(CultureInfo.InvariantCulture, $" completed its {Weeks} weeks{(AlikeMembers > 0 ? $" with plans that differed ({AlikeMembers:N0} planned alike)" : "")}"));
        return ChallengerMembers < minimum || ChampionMembers < minimum
            ? string.Create(CultureInfo.InvariantCulture,
                $"{Challenger} retired after its trial from {FirstWeek} without a verdict: {ChallengerMembers:N0} {units} on its side and {ChampionMembers:N0} on {Champion}'s{counted} (at least {minimum:N0} each)")
            : string.Create(CultureInfo.InvariantCulture,
                $"{Challenger} {(Promoted ? "promoted" : "retired")} after its trial from {FirstWeek}: {Improvement:+0.000;-0.000;0.000} engaged days {per} against {Champion} (+- {StandardError:F3}; {ChallengerMembers:N0} and {ChampionMembers:N0} {units}{(AlikeMembers > 0 ? $", {AlikeMembers:N0} planned alike left out" : "")}), opt-outs {ChallengerOptOutRate:P2} against {ChampionOptOutRate:P2} (+- {OptOutStandardError:P2})");
    }
}
