using NotificationActors.Learning.Serving;

namespace NotificationActors.Grains.Training;

/// <summary>The learning loop inside the cluster (configuration section <see cref="Section"/>).</summary>
public sealed class LearningLoopGrainOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "NotificationActors:Learning:Loop";

    /// <summary>
    /// Whether the hierarchical arm's plans come from the loop (the default); off, they come from the model the silo
    /// started with. On, the arm plans as it would off until a trained version wins a live trial, but for the half of
    /// the members a version on trial plans for (docs/learning.md).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long before a week starts the loop trains for it (the closed weeks it reads are in by then).</summary>
    public TimeSpan AdvanceAhead { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Weeks of the arm's log a retraining reads.</summary>
    public int WindowWeeks { get; set; } = LearningLoopOptions.DefaultWindowWeeks;

    /// <summary>Weeks a challenger's trial is judged on (<see cref="LearningLoopOptions.TrialWeeks"/>).</summary>
    public int TrialWeeks { get; set; } = NotificationActors.Learning.Evaluation.ChallengerTrial.DefaultWeeks;

    /// <summary>What is wrong with the options, or null.</summary>
    public string? Problem() =>
        AdvanceAhead < TimeSpan.Zero || AdvanceAhead > TimeSpan.FromDays(6) ? $"{nameof(AdvanceAhead)} must be between 0 and 6 days, not {AdvanceAhead}."
        : WindowWeeks is < 1 or > 52 ? $"{nameof(WindowWeeks)} must be 1 to 52 weeks, not {WindowWeeks}."
        : TrialWeeks is < 2 or > 8 ? $"{nameof(TrialWeeks)} must be 2 to 8 weeks, not {TrialWeeks}."
        : null;
}
