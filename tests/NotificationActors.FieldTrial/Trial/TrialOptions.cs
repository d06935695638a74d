using NotificationActors.FieldTrial.World;

namespace NotificationActors.FieldTrial.Trial;

/// <summary>What a field trial runs: its size, seeds, world and silo.</summary>
internal sealed record TrialOptions
{
    public const int DefaultMembers = 1_000;
    public const int DefaultWeeks = 8;
    public const int DefaultConcurrency = 32;

    public int Members { get; init; } = DefaultMembers;

    public int Weeks { get; init; } = DefaultWeeks;

    /// <summary>The first seed; seeds <see cref="Seed"/> to <see cref="Seed"/> + <see cref="Seeds"/> - 1 run one after another.</summary>
    public int Seed { get; init; } = 1;

    public int Seeds { get; init; } = 1;

    /// <summary>Members whose calls to the silo are in flight at once.</summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    public WorldOptions World { get; init; } = WorldFile.Defaults;

    /// <summary>An already running silo (with <c>--clock simulated</c>) to drive; null starts one in this process.</summary>
    public Uri? SiloUrl { get; init; }

    /// <summary>Whether the silo started in this process runs its learning loop (retraining weekly on the trial's own log); off, it plans as shipped.</summary>
    public bool LearningLoop { get; init; }
}
