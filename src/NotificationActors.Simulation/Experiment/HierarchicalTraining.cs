using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// The hierarchical arm's learning loop: random plans for the exploration weeks, then before every week a model
/// version trained on the arm's own closed weeks in the cluster's learning log and served to the silos' new plans,
/// with the product's exploration share so later weeks stay learnable.
/// </summary>
internal sealed class HierarchicalTraining(ExperimentCluster cluster, ExperimentOptions options) : IDisposable
{
    /// <summary>Weeks of the arm's log a retraining reads: recent enough to follow the members, enough to fit.</summary>
    public const int WindowWeeks = 8;

    // One thread: a seed's run must train the same models every time it runs.
    private static readonly RewardTrainingOptions Training = new() { Threads = 1 };

    private readonly FolderModelStore _store = new(Directory.CreateTempSubdirectory("na-experiment-models-").FullName);
    private readonly Queue<List<MemberWeekRecord>> _window = new();
    private int _weeksRead;
    private string? _served;

    /// <summary>Serves what the arm plans week <paramref name="week"/> (0-based) with, and says what it was.</summary>
    public async Task<string> BeforeWeekAsync(int week, CancellationToken cancellationToken)
    {
        if (week < options.ExplorationWeeks)
        {
            return "exploring, every plan at random";
        }

        // A week's records land when it closes, at the next week's first call; so before week w the log holds w - 1 weeks.
        while (_weeksRead < week - 1)
        {
            var closed = IsoWeek.Containing(options.Start.AddDays(7 * _weeksRead)).ToString();
            var records = new List<MemberWeekRecord>();
            await foreach (var record in cluster.Log.ReadAsync(closed, closed, cancellationToken).ConfigureAwait(false))
            {
                if (record.Arm == "hierarchical") records.Add(record);
            }

            _window.Enqueue(records);
            if (_window.Count > WindowWeeks) _window.Dequeue();
            _weeksRead++;
        }

        var version = $"experiment-week{week + 1}";
        try
        {
            var log = new ReadOnlyLearningLog(_window.SelectMany(w => w));
            var card = await ModelTraining.TrainAsync(log, null, null, _store, version, Training, cancellationToken: cancellationToken).ConfigureAwait(false);
            cluster.Serve(ModelArtefacts.LoadRewardModel(card), ModelArtefacts.LoadScorer(card), ModelArtefacts.LoadPriors(card), SlowPolicyOptions.DefaultEpsilon);
            _served = version;
            return $"{version}, trained on {card.Records:N0} member-weeks ({card.ExploredWeeks:N0} explored)";
        }
        catch (InvalidDataException e)
        {
            // Too little to learn from yet: keep the last version, or plan with the parametric prior.
            if (_served is null)
            {
                cluster.Serve(new ParametricRewardModel(), null, null, SlowPolicyOptions.DefaultEpsilon);
            }

            return $"{_served ?? "the parametric model"} kept: {e.Message}";
        }
    }

    public void Dispose() => Directory.Delete(_store.Root, recursive: true);
}
