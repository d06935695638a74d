using NotificationActors.Learning.Serving;

namespace NotificationActors.Grains.Training;

/// <summary>The learning loop inside the cluster (configuration section <see cref="Section"/>).</summary>
public sealed class LearningLoopGrainOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "NotificationActors:Learning:Loop";

    /// <summary>Whether the hierarchical arm's plans come from the loop; off, they come from the model the silo started with.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long before a week starts the loop trains for it (the closed weeks it reads are in by then).</summary>
    public TimeSpan AdvanceAhead { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Weeks of the arm's log a retraining reads.</summary>
    public int WindowWeeks { get; set; } = LearningLoopOptions.DefaultWindowWeeks;

    /// <summary>What is wrong with the options, or null.</summary>
    public string? Problem() =>
        AdvanceAhead < TimeSpan.Zero || AdvanceAhead > TimeSpan.FromDays(6) ? $"{nameof(AdvanceAhead)} must be between 0 and 6 days, not {AdvanceAhead}."
        : WindowWeeks is < 1 or > 52 ? $"{nameof(WindowWeeks)} must be 1 to 52 weeks, not {WindowWeeks}."
        : null;
}
