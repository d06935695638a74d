using NotificationActors.Grains.Experiments;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Serving;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// The hierarchical arm's learning loop in an experiment: random plans for any exploration weeks, then the product's
/// <see cref="LearningLoop"/> on the cluster's learning log, each week's serving loaded from the experiment's
/// throwaway model store and handed to every silo before the week's plans are made.
/// </summary>
internal sealed class HierarchicalTraining : IDisposable
{
    private readonly ExperimentCluster _cluster;
    private readonly ExperimentOptions _options;
    private readonly FolderModelStore _store = new(Directory.CreateTempSubdirectory("na-experiment-models-").FullName);
    private readonly LearningLoop _loop;

    public HierarchicalTraining(ExperimentCluster cluster, ExperimentOptions options)
    {
        (_cluster, _options) = (cluster, options);
        var first = Week(0);
        _loop = new LearningLoop(
            new LearningLoopOptions
            {
                Arm = PolicyExperiment.Hierarchical,
                ArmPricing = ArmPricing,
                CausalRankingArms = options.RankingArms.Any(r => r.Ranker == RankerKind.Causal),
                VersionName = week => $"experiment-week{((week.Start - first.Start).Days / 7) + 1}",
            },
            cluster.Log,
            _store,
            first)
        {
            WeekRead = week => cluster.DoneReading(week.ToString()),
        };
    }

    // What the arm's utility charges: the message cost its prior plans with and its opt-out prices.
    private SlowPolicyOptions ArmPricing => _options.HierarchicalArm(1).Pricing();

    /// <summary>Serves what the arm plans week <paramref name="week"/> (0-based) with, and says what it was and which version is on trial.</summary>
    public async Task<(string Summary, string? Challenger)> BeforeWeekAsync(int week, CancellationToken cancellationToken)
    {
        if (week < _options.ExplorationWeeks)
        {
            return ("exploring, every plan at random", null);
        }

        var serving = await _loop.AdvanceAsync(Week(week), cancellationToken).ConfigureAwait(false);
        var served = await ServedLoop.LoadAsync(serving, _store, ArmPricing, cancellationToken).ConfigureAwait(false);
        _cluster.Serve(served.Champion, served.Scorer, served.Priors, SlowPolicyOptions.DefaultEpsilon, served.MessageCost, served.Causal);
        _cluster.Challenge(served.Challenger, served.ChallengerMessageCost);
        _cluster.ChallengeRanker(served.CausalChallenger);
        return (serving.Summary, served.Challenger?.Version);
    }

    /// <summary>The card of the version trained on the latest data that has a causal ranker; null when none has.</summary>
    public async Task<ModelCard?> NewestCausalCardAsync(CancellationToken cancellationToken)
    {
        ModelCard? newest = null;
        foreach (var version in await _store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var card = await ModelArtefacts.ReadCardAsync(_store, version, cancellationToken).ConfigureAwait(false);
            if (card.CausalRanker is null) continue;
            if (newest is null || string.CompareOrdinal(card.DataTo, newest.DataTo) > 0 || (card.DataTo == newest.DataTo && card.TrainedAt > newest.TrainedAt)) newest = card;
        }

        return newest;
    }

    public void Dispose() => Directory.Delete(_store.Root, recursive: true);

    // The ISO week of the experiment's week number index (0-based).
    private IsoWeek Week(int index) => IsoWeek.Containing(_options.Start.AddDays(7 * index));
}
