namespace NotificationActors.Simulation.Experiment;

/// <summary>One seed's run: what it counted, where the time went, and what happened to the hierarchical arm's models.</summary>
/// <param name="Seed">The world's seed.</param>
/// <param name="Tally">The counts per arm, cohort and week.</param>
/// <param name="Timings">Where the time went.</param>
/// <param name="BaselineThreshold">The baseline's relevance threshold, calibrated to the fixed arm's weekly sends.</param>
/// <param name="Models">Per week, the model the hierarchical arm planned with, or why retraining kept the previous one.</param>
/// <param name="References">What the best fixed plans could have done, from the truth (<see cref="GridReferences"/>).</param>
public sealed record ExperimentRun(int Seed, ExperimentTally Tally, ExperimentTimings Timings, double BaselineThreshold, IReadOnlyList<string> Models, GridReferences References)
{
    /// <summary>The pacing arms crossed with the ranking arms, when the ranking layer has more than one; null otherwise.</summary>
    public RankingLayer? RankingLayer { get; init; }

    /// <summary>
    /// The newest causal ranker's calibrated effect per intent and channel against the world's truth; empty when no
    /// arm ranks causally or no version trained one.
    /// </summary>
    public IReadOnlyList<EffectCheck> EffectChecks { get; init; } = [];

    /// <summary>Member-weeks simulated over all arms.</summary>
    public long MemberWeeks => Enumerable.Range(0, Tally.Arms.Count).Sum(a => Tally.Sum(a, ExperimentTally.Count.MemberWeeks));
}
