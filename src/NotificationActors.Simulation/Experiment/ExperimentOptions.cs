using NotificationActors.Grains.Experiments;
using NotificationActors.Policy.Pacing;
using NotificationActors.Simulation.World;

namespace NotificationActors.Simulation.Experiment;

/// <summary>Where an experiment's cluster keeps its grains' state, reminders and learning log.</summary>
public enum ExperimentStorage
{
    /// <summary>State in a dictionary the silos share (the stored format, no disk), Orleans' memory reminders, and a learning log in memory that keeps what retraining reads.</summary>
    Memory,

    /// <summary>The embedded SQLite store on one throwaway file (commits not waiting for the disk).</summary>
    Sqlite,
}

/// <summary>What a policy experiment runs: the population, the weeks, the cluster and the arms' settings.</summary>
public sealed class ExperimentOptions
{
    /// <summary>Default <see cref="Members"/>.</summary>
    public const int DefaultMembers = 2_000;

    /// <summary>Default <see cref="Weeks"/>.</summary>
    public const int DefaultWeeks = 8;

    /// <summary>Default <see cref="Silos"/>: a cluster, so members and reminders spread over silos as in production.</summary>
    public const int DefaultSilos = 3;

    /// <summary>
    /// Default <see cref="ExplorationWeeks"/>: none; the arm starts on the parametric prior with the product's exploration
    /// share. Weeks of plans all at random cost the arm what it is measured on, and their log is of members fatigued by
    /// random volumes, whose response to a message does not carry over to the weeks a model plans: trained on two such
    /// weeks, the first model sent casual viewers about 1 message a week where their best plan was 6.
    /// </summary>
    public const int DefaultExplorationWeeks = 0;

    /// <summary>Default <see cref="FixedPush"/>: a typical one-size schedule, a push every other day.</summary>
    public const int DefaultFixedPush = 3;

    /// <summary>Default <see cref="FixedEmail"/>: a weekly digest.</summary>
    public const int DefaultFixedEmail = 1;

    /// <summary>Default <see cref="Concurrency"/>: enough calls in flight to keep three silos busy on two cores.</summary>
    public const int DefaultConcurrency = 128;

    /// <summary>The arms every experiment runs, side by side, in report order.</summary>
    public static IReadOnlyList<string> ArmNames { get; } = ["fixed", "baseline", "hierarchical", "oracle"];

    /// <summary>Member grains in all; each arm gets an equal share, and every arm runs the same hidden members (a paired design).</summary>
    public int Members { get; set; } = DefaultMembers;

    /// <summary>Weeks to simulate.</summary>
    public int Weeks { get; set; } = DefaultWeeks;

    /// <summary>Seed of the world: the same seed gives the same members, opportunities and outcomes.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Silos of the in-process test cluster.</summary>
    public int Silos { get; set; } = DefaultSilos;

    /// <summary>Weeks the hierarchical arm plans at random (every plan explored, its propensity logged) before weekly retraining starts.</summary>
    public int ExplorationWeeks { get; set; } = DefaultExplorationWeeks;

    /// <summary>Weekly pushes of the fixed arm.</summary>
    public int FixedPush { get; set; } = DefaultFixedPush;

    /// <summary>Weekly emails of the fixed arm.</summary>
    public int FixedEmail { get; set; } = DefaultFixedEmail;

    /// <summary>
    /// Fixed schedules run beside the four arms, each an arm of its own with a copy of the same members (so the run
    /// holds <see cref="MembersPerArm"/> more member grains per schedule): the best of them for everyone and per true
    /// cohort are the run's schedule yardsticks. None by default.
    /// </summary>
    public IReadOnlyList<FixedSchedule> Schedules { get; set; } = [];

    /// <summary>Every arm the run simulates, in tally order: <see cref="ArmNames"/>, then one per schedule.</summary>
    public IReadOnlyList<string> ArmsRun => [.. ArmNames, .. Schedules.Select(s => s.Name)];

    /// <summary>
    /// How the hierarchical arm's fast policy spreads its weekly budget: by default on the better messages
    /// (<see cref="PacingProfile.RelevanceWeighted"/>), as the single-threshold baseline it competes with does.
    /// </summary>
    public PacingProfile HierarchicalPacing { get; set; } = PacingProfile.RelevanceWeighted;

    /// <summary>The hierarchical arm's universal message cost, in engaged days; null keeps the slow policy's default.</summary>
    public double? HierarchicalMessageCost { get; set; }

    /// <summary>The least price of a push opt-out in the hierarchical arm (<see cref="ArmOptions.PushOptOutCost"/>); null keeps the default.</summary>
    public double? HierarchicalPushOptOutCost { get; set; }

    /// <summary>The least price of an email opt-out in the hierarchical arm (<see cref="ArmOptions.EmailOptOutCost"/>); null keeps the default.</summary>
    public double? HierarchicalEmailOptOutCost { get; set; }

    /// <summary>Weeks of a channel's worth an opt-out costs in the hierarchical arm (<see cref="ArmOptions.OptOutWorthWeeks"/>); null keeps the default.</summary>
    public double? HierarchicalOptOutWorthWeeks { get; set; }

    /// <summary>The hierarchical arm as the silos configure it, with <paramref name="share"/> of the members.</summary>
    public ArmOptions HierarchicalArm(double share) => new()
    {
        Name = PolicyExperiment.Hierarchical,
        Share = share,
        Policy = ArmPolicy.Hierarchical,
        Pacing = HierarchicalPacing,
        MessageCost = HierarchicalMessageCost,
        PushOptOutCost = HierarchicalPushOptOutCost,
        EmailOptOutCost = HierarchicalEmailOptOutCost,
        OptOutWorthWeeks = HierarchicalOptOutWorthWeeks,
    };

    /// <summary>
    /// The ranking layer's arms, splitting every pacing arm's members evenly by an independent hash: one ranker for
    /// every arm but the baseline, or two crossed with the pacing arms, whose effects the report then gives layer by layer.
    /// </summary>
    public IReadOnlyList<RankerKind> Rankers { get; set; } = [RankerKind.Engagement];

    /// <summary>The ranking layer's arms as the silos configure them: named after their ranker, equal shares.</summary>
    public IReadOnlyList<RankingArmOptions> RankingArms =>
        [.. Rankers.Select(r => new RankingArmOptions { Name = r.ToString().ToLowerInvariant(), Share = 1.0 / Rankers.Count, Ranker = r })];

    /// <summary>
    /// Where the experiment's grains keep state, reminders and the learning log: by default in memory,
    /// since an experiment's store is thrown away and need not be durable; <see cref="ExperimentStorage.Sqlite"/> runs
    /// the production path on a throwaway file, to measure it. Either way the same grains write the same state format,
    /// and a seed gives the same results.
    /// </summary>
    public ExperimentStorage Storage { get; set; } = ExperimentStorage.Memory;

    /// <summary>Members simulated at once (their calls into the grains in flight).</summary>
    public int Concurrency { get; set; } = DefaultConcurrency;

    /// <summary>The hidden world's parameters.</summary>
    public WorldOptions World { get; set; } = new();

    /// <summary>Monday 00:00 UTC of the first simulated week.</summary>
    public DateTimeOffset Start { get; set; } = new(2027, 1, 4, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Hidden members per arm.</summary>
    public int MembersPerArm => Math.Max(1, Members / ArmNames.Count);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Members < ArmNames.Count) throw new ArgumentException($"{nameof(Members)} is {Members}; the {ArmNames.Count} arms need at least one member each.");
        if (Weeks < 1) throw new ArgumentException($"{nameof(Weeks)} is {Weeks}; simulate at least one week.");
        if (Silos is < 1 or > 10) throw new ArgumentException($"{nameof(Silos)} is {Silos}; use 1 to 10.");
        if (ExplorationWeeks < 0 || ExplorationWeeks >= Weeks) throw new ArgumentException($"{nameof(ExplorationWeeks)} is {ExplorationWeeks}; it must be at least 0 and less than {nameof(Weeks)} ({Weeks}).");
        if (FixedPush < 0 || FixedEmail < 0) throw new ArgumentException("The fixed arm's frequencies must not be negative.");
        try
        {
            HierarchicalArm(1).Pricing().Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"The hierarchical arm's {e.ParamName}: {e.Message}", e);
        }

        if (Schedules.Count > FixedSchedule.MaxSchedules) throw new ArgumentException($"{nameof(Schedules)} has {Schedules.Count} schedules; run at most {FixedSchedule.MaxSchedules}.");
        if (Schedules.FirstOrDefault(s => s.Push is < 0 or > FixedSchedule.MaxPerWeek || s.Email is < 0 or > FixedSchedule.MaxPerWeek || s.InApp is < 0 or > FixedSchedule.MaxPerWeek) is { } bad)
        {
            throw new ArgumentException($"{nameof(Schedules)} holds {bad.Name}; a schedule sends 0 to {FixedSchedule.MaxPerWeek} messages a week on each channel.");
        }

        if (Schedules.Distinct().Count() != Schedules.Count) throw new ArgumentException($"{nameof(Schedules)} names a schedule twice.");
        if (Rankers.Count == 0 || Rankers.Distinct().Count() != Rankers.Count) throw new ArgumentException($"{nameof(Rankers)} must name one or two different rankers.");
        if (Concurrency < 1) throw new ArgumentException($"{nameof(Concurrency)} is {Concurrency}; use at least 1.");
        if (Start.Offset != TimeSpan.Zero || Start.TimeOfDay != TimeSpan.Zero || Start.DayOfWeek != DayOfWeek.Monday)
        {
            throw new ArgumentException($"{nameof(Start)} is {Start:O}; give a Monday at 00:00 UTC, where ISO weeks start.");
        }

        World.Validate();
    }
}
