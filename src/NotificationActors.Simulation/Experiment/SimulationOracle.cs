using System.Collections.Concurrent;
using NotificationActors.Grains.Experiments;
using NotificationActors.Policy.Time;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// The oracle arm's plans: the best weekly frequencies by the hidden truth, computed by the experiment from each
/// member's state at the start of the week, before the cluster's clock enters it, so a plan made by a reminder or
/// by the week's first call reads the same answer. Public so a caller starting an <see cref="ExperimentCluster"/>
/// outside the experiment has an oracle to give it.
/// </summary>
public sealed class SimulationOracle : IPlanOracle
{
    private readonly ConcurrentDictionary<(string Member, IsoWeek Week), (int Push, int Email, int InApp)> _plans = new();

    internal void Set(string memberId, IsoWeek week, int push, int email, int inApp) => _plans[(memberId, week)] = (push, email, inApp);

    /// <summary>Forgets the plans of weeks before <paramref name="week"/>.</summary>
    internal void ForgetBefore(IsoWeek week)
    {
        foreach (var key in _plans.Keys.Where(k => k.Week < week))
        {
            _plans.TryRemove(key, out _);
        }
    }

    public (int Push, int Email, int InApp) Plan(string memberId, IsoWeek week) =>
        _plans.TryGetValue((memberId, week), out var plan)
            ? plan
            : throw new InvalidOperationException($"The experiment has no oracle plan for {memberId} in {week}; oracle plans are set before each week starts.");
}
