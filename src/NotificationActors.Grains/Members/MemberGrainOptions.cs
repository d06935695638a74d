using NotificationActors.Grains.Experiments;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Grains.Members;

/// <summary>Settings of the member grains (configuration section <c>NotificationActors:Members</c>).</summary>
public sealed class MemberGrainOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "NotificationActors:Members";

    /// <summary>Default <see cref="OpportunityWindow"/>.</summary>
    public const int DefaultOpportunityWindow = 128;

    /// <summary>Default <see cref="EventWindow"/>.</summary>
    public const int DefaultEventWindow = 512;

    /// <summary>Default <see cref="HistoryWindow"/>.</summary>
    public const int DefaultHistoryWindow = 200;

    /// <summary>Default <see cref="HistoryHorizon"/>.</summary>
    public static readonly TimeSpan DefaultHistoryHorizon = TimeSpan.FromDays(28);

    /// <summary>Default <see cref="DecisionsPerWeek"/>.</summary>
    public const int DefaultDecisionsPerWeek = 500;

    /// <summary>Default <see cref="TimeWindow"/>.</summary>
    public static readonly TimeSpan DefaultTimeWindow = TimeSpan.FromDays(2);

    /// <summary>Default <see cref="EventAge"/>.</summary>
    public static readonly TimeSpan DefaultEventAge = TimeSpan.FromDays(35);

    /// <summary>Most categories a member may have muted, by preferences or by unsubscribe feedback.</summary>
    public const int MaxMutedCategories = Validation.RequestValidator.MaxListEntries;

    /// <summary>The experiment arms of the pacing layer (the decision system); one hierarchical arm by default.</summary>
    public List<ArmOptions> Arms { get; set; } = [new ArmOptions()];

    /// <summary>
    /// The arms of the ranking layer (what the fast policy ranks by), assigned independently of <see cref="Arms"/>; one
    /// engagement arm by default. The baseline pacing arm ranks by its own score whatever its members' ranking arm.
    /// </summary>
    public List<RankingArmOptions> Rankings { get; set; } = [new RankingArmOptions()];

    /// <summary>
    /// Exploration of the slow policy (logged propensities feed off-policy evaluation): local by default, so an explored
    /// week stays within <see cref="ExplorationRadius"/> push and <see cref="ExplorationEmailRadius"/> email levels of the
    /// plan the member would have had, or for a share <see cref="UniformExplorationShare"/> within a bounded box of the grid.
    /// </summary>
    public ExplorationMode Exploration { get; set; } = ExplorationMode.LocalEpsilonGreedy;

    /// <summary>Push levels either side of the argmax that local exploration draws from (the name predates email's own radius).</summary>
    public int ExplorationRadius { get; set; } = SlowPolicyOptions.DefaultLocalPushRadius;

    /// <summary>Email levels either side of the argmax that local exploration draws from (<see cref="SlowPolicyOptions.LocalEmailRadius"/>).</summary>
    public int ExplorationEmailRadius { get; set; } = SlowPolicyOptions.DefaultLocalEmailRadius;

    /// <summary>Default <see cref="UniformExplorationShare"/>.</summary>
    public const double DefaultUniformExplorationShare = 0.3;

    /// <summary>
    /// Share of explored weeks drawn uniformly from the grid up to <see cref="UniformExplorationMaxPush"/> pushes and
    /// <see cref="UniformExplorationMaxEmail"/> emails instead of near the plan (<see cref="SlowPolicyOptions.UniformExplorationShare"/>):
    /// in the experiment, models trained on purely local exploration planned worse than those trained on uniform weeks.
    /// </summary>
    public double UniformExplorationShare { get; set; } = DefaultUniformExplorationShare;

    /// <summary>The most pushes a week a uniform explored week sends (<see cref="SlowPolicyOptions.UniformExplorationMaxPush"/>).</summary>
    public int UniformExplorationMaxPush { get; set; } = SlowPolicyOptions.DefaultUniformExplorationMaxPush;

    /// <summary>The most emails a week a uniform explored week sends (<see cref="SlowPolicyOptions.UniformExplorationMaxEmail"/>).</summary>
    public int UniformExplorationMaxEmail { get; set; } = SlowPolicyOptions.DefaultUniformExplorationMaxEmail;

    /// <summary>Exploration share under epsilon-greedy.</summary>
    public double Epsilon { get; set; } = SlowPolicyOptions.DefaultEpsilon;

    /// <summary>
    /// The last decisions of a closed week kept for idempotent replays (every decision of the open week is kept). Retries
    /// arrive within minutes; every decision kept is rewritten with each write, so the window is also a cost per write.
    /// </summary>
    public int OpportunityWindow { get; set; } = DefaultOpportunityWindow;

    /// <summary>Recent feedback and activity event ids remembered for idempotent replays.</summary>
    public int EventWindow { get; set; } = DefaultEventWindow;

    /// <summary>Recently sent messages remembered for dedupe by message and by title.</summary>
    public int HistoryWindow { get; set; } = DefaultHistoryWindow;

    /// <summary>
    /// How long a sent message is remembered (as well as at most <see cref="HistoryWindow"/> of them): after that (by
    /// default four weeks) its title may be sent again and its category counts as never sent. The history is rewritten
    /// with every decision, so without an age bound every write would grow with the member's tenure.
    /// </summary>
    public TimeSpan HistoryHorizon { get; set; } = DefaultHistoryHorizon;

    /// <summary>
    /// Member state is written in its compact layout (true) or in Orleans' binary format (false); both are read. For a
    /// rolling upgrade from a version that reads only Orleans' format, upgrade every silo with false, then set true.
    /// </summary>
    public bool CompactState { get; set; } = true;

    /// <summary>Default <see cref="StateLayout"/>.</summary>
    public const int DefaultStateLayout = 12;

    /// <summary>
    /// The compact layout written, by its version: 12 (0xAC, what the plan charged for losing each channel), 11 (0xAB,
    /// whether the other side of a version trial would have planned the week differently), 10 (0xAA, whether a decision
    /// was a unit of a ranker's trial), 9 (0xA9, whether the weekly reminder registered alongside the first write is
    /// unconfirmed, which lets the two run at once),
    /// 8 (0xA8, decisions with whether a send led to a play and the chance a send of the best candidate went out), 7
    /// (0xA7, decisions with their send probability, held channel and ranking arm), 6 (0xA6, sent messages' categories
    /// in full), 5 (0xA5, the replay tail first), 4 (0xA4, the strings a state repeats written once) or 3 (0xA3, every
    /// string in full); all are read. For a rolling upgrade from a version that reads at most 0xA3 to 0xAB, upgrade every
    /// silo with that layout, then set 12. Below 9 a member's first write waits for its reminder's registration; below
    /// 10 a ranker's trial loses the units of a member whose state is read back within the week; below 11 a version's
    /// trial counts every member whose state is read back within the week, plans alike or not; below 12 such a
    /// member's plan and week's record lose their opt-out prices.
    /// </summary>
    public int StateLayout { get; set; } = DefaultStateLayout;

    internal byte CompactLayout => (byte)(0xA0 + StateLayout);

    /// <summary>Whether the layout written keeps <see cref="MemberState.ReminderUnconfirmed"/>.</summary>
    internal bool StoresUnconfirmedReminder => CompactState && CompactLayout >= Members.Format.MemberStateFormat.Version9;

    /// <summary>
    /// Most opportunities a member-week takes; past it an opportunity is refused (422, never retried into a decision).
    /// Each decision of the week is kept, for the learning log and so that every replay within the week returns the
    /// first answer.
    /// </summary>
    public int DecisionsPerWeek { get; set; } = DefaultDecisionsPerWeek;

    /// <summary>
    /// How far from the silo's clock a request's times may lie: an opportunity's either way, a feedback or activity
    /// event's ahead of it. A time outside is refused naming it, before anything changes.
    /// </summary>
    public TimeSpan TimeWindow { get; set; } = DefaultTimeWindow;

    /// <summary>How far behind the silo's clock a feedback or activity event's time may lie (late opens, imported activity).</summary>
    public TimeSpan EventAge { get; set; } = DefaultEventAge;

    /// <summary>Default <see cref="StrongDismissals"/>.</summary>
    public const int DefaultStrongDismissals = 3;

    /// <summary>
    /// Dismissals within a week that, like an opt-out, make the slow policy re-read the member at once and cut what is
    /// left of the week's budgets (never raise them); 0 turns the cut off for dismissals.
    /// </summary>
    public int StrongDismissals { get; set; } = DefaultStrongDismissals;

    /// <summary>Default <see cref="CalibrationWeeks"/>.</summary>
    public const int DefaultCalibrationWeeks = 8;

    /// <summary>
    /// Whether plans price opt-outs at the population's level: the model's opt-out probabilities scaled per channel by
    /// the opt-outs members of the last <see cref="CalibrationWeeks"/> weeks had against what it predicted for them, read
    /// day by day: a week's plans use the days up to two before they are made, and a plan's budgets are cut within the
    /// week when the scale has since risen by <see cref="RecalibrationStep"/>.
    /// </summary>
    public bool CalibrateOptOuts { get; set; } = true;

    /// <summary>Weeks of days the opt-out calibration reads.</summary>
    public int CalibrationWeeks { get; set; } = DefaultCalibrationWeeks;

    /// <summary>Default <see cref="RecalibrationStep"/>.</summary>
    public const double DefaultRecalibrationStep = 1.25;

    /// <summary>
    /// How far a channel's opt-out scale must rise above the one a plan was made or last cut with before the plan's
    /// remaining budgets are re-read within the week; scales that fall wait for the next week's plan, as budgets only fall
    /// within a week.
    /// </summary>
    public double RecalibrationStep { get; set; } = DefaultRecalibrationStep;

    /// <summary>How the slow policy sets each week's in-app cap.</summary>
    public InAppOptions InApp { get; set; } = new();

    /// <summary>Weekly replans are spread over this much time after the week starts, by a hash of the member id.</summary>
    public TimeSpan ReminderSpread { get; set; } = TimeSpan.FromHours(24);

    // A layer's arms: at least one, named once each, with shares that are numbers from 0 and add up to 1.
    private static string? AllocationProblem(string setting, string anArm, IReadOnlyList<(string Name, double Share)> arms)
    {
        var (oneArm, arm) = (char.ToUpperInvariant(anArm[0]) + anArm[1..], anArm[(anArm.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        if (arms.Count == 0) return $"{setting} is empty; configure at least one {arm}.";
        if (arms.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() != arms.Count) return $"{setting} has duplicate names.";
        if (arms.Any(a => string.IsNullOrWhiteSpace(a.Name))) return $"{oneArm} has no name.";
        if (arms.Any(a => !(a.Share >= 0))) return $"{oneArm}'s Share is negative or not a number.";
        var total = arms.Sum(a => a.Share);
        return Math.Abs(total - 1) > 1e-9 ? $"The {arm}s' shares add up to {total}, not 1." : null;
    }

    // Unset, or a finite non-negative number.
    private static bool Finite(double? value) => value is not { } v || (v >= 0 && !double.IsPositiveInfinity(v));

    /// <summary>The first problem with these settings, or null.</summary>
    public string? Problem()
    {
        if (AllocationProblem(nameof(Arms), "an arm", [.. Arms.Select(a => (a.Name, a.Share))]) is { } arms) return arms;
        if (AllocationProblem(nameof(Rankings), "a ranking arm", [.. Rankings.Select(a => (a.Name, a.Share))]) is { } rankings) return rankings;
        if (Rankings.Any(a => !Enum.IsDefined(a.Ranker))) return "A ranking arm's Ranker is neither Engagement nor Causal.";
        if (Arms.Any(a => a.MessageCost is < 0)) return "An arm's MessageCost is negative.";
        if (Arms.FirstOrDefault(a => !Finite(a.PushOptOutCost) || !Finite(a.EmailOptOutCost)) is { } priced)
            return $"Arm {priced.Name}'s PushOptOutCost and EmailOptOutCost must be finite numbers of engaged days, 0 or more.";
        if (Arms.FirstOrDefault(a => !Finite(a.OptOutWorthWeeks)) is { } weeks)
            return $"Arm {weeks.Name}'s OptOutWorthWeeks must be a finite number of weeks, 0 or more.";
        if (Arms.Any(a => a.FixedPush < 0 || a.FixedEmail < 0 || a.FixedInApp < 0)) return "An arm's fixed frequencies are negative.";
        if (StrongDismissals < 0) return "StrongDismissals is negative.";
        if (CalibrationWeeks < 1) return "CalibrationWeeks must be at least 1.";
        if (!(RecalibrationStep > 1) || double.IsInfinity(RecalibrationStep)) return "RecalibrationStep must be a finite number above 1.";
        if (ExplorationRadius < 1) return "ExplorationRadius must be at least 1.";
        if (ExplorationEmailRadius < 1) return "ExplorationEmailRadius must be at least 1.";
        if (UniformExplorationMaxPush < 0) return "UniformExplorationMaxPush must not be negative.";
        if (UniformExplorationMaxEmail < 0) return "UniformExplorationMaxEmail must not be negative.";
        if (UniformExplorationShare is < 0 or > 1 || double.IsNaN(UniformExplorationShare)) return "UniformExplorationShare must be in [0, 1].";
        if (InApp is null) return "InApp is missing.";
        try
        {
            InApp.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            return e.Message;
        }

        if (Epsilon is < 0 or > 1) return "Epsilon is not in [0, 1].";
        if (OpportunityWindow < 1 || EventWindow < 1 || HistoryWindow < 1 || DecisionsPerWeek < 1) return "Windows must hold at least one entry.";
        if (HistoryHorizon <= TimeSpan.Zero) return "HistoryHorizon must be positive.";
        if (TimeWindow <= TimeSpan.Zero || EventAge < TimeWindow) return "TimeWindow must be positive and EventAge at least as long.";
        if (StateLayout is < 3 or > DefaultStateLayout) return $"StateLayout must be 3 to {DefaultStateLayout}.";
        if (ReminderSpread < TimeSpan.Zero || ReminderSpread >= TimeSpan.FromDays(7)) return "ReminderSpread must be in [0, 7 days).";
        return null;
    }
}
