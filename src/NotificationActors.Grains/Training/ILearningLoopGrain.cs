using NotificationActors.Abstractions.Learning;

namespace NotificationActors.Grains.Training;

/// <summary>
/// A hierarchical arm's learning loop inside the cluster (one grain per arm): it trains on the arm's learning log,
/// runs the champion/challenger trials and says what each week plans with. Every silo asks it once a week, before its
/// members plan the week, so all silos serve the same versions from the same week on.
/// </summary>
public interface ILearningLoopGrain : IGrainWithStringKey
{
    /// <summary>
    /// What the arm plans ISO week <paramref name="week"/> with. The first request for a week after the last one served
    /// advances the loop to it (reading the closed weeks, deciding a trial, training a version); a week already passed
    /// gets the serving it had, or the oldest kept.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="week"/> is not an ISO week such as 2026-W48, or is after the week the clock is about to reach.</exception>
    Task<LoopServing> ServingFor(string week);

    /// <summary>The servings kept, oldest first (at most eight).</summary>
    Task<IReadOnlyList<LoopServing>> History();
}
