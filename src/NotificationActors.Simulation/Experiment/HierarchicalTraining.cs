using System.Globalization;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// The hierarchical arm's learning loop: random plans for any exploration weeks, then before every week a model
/// version trained on the arm's own closed weeks in the cluster's learning log, served to the silos' new plans
/// only when its plans do better than the serving model's on held-out members' explored weeks (the card's promotion
/// check), with the product's exploration share so later weeks stay learnable. Until one is, the prior plans with the
/// latest version's opt-out models and calibration.
/// </summary>
internal sealed class HierarchicalTraining(ExperimentCluster cluster, ExperimentOptions options) : IDisposable
{
    /// <summary>Weeks of the arm's log a retraining reads: recent enough to follow the members, enough to fit.</summary>
    public const int WindowWeeks = 8;

    // One thread: a seed's run must train the same models every time it runs.
    private static readonly RewardTrainingOptions Training = new() { Threads = 1 };

    private readonly FolderModelStore _store = new(Directory.CreateTempSubdirectory("na-experiment-models-").FullName);

    // Each closed week is converted once, as it closes; a retraining fits on the window without re-reading it.
    private readonly LearningWindow _window = new(WindowWeeks, Training.ValidationShare);
    private int _weeksRead;
    private IRewardModel _champion = new ParametricRewardModel();

    // Whether the champion is a promoted version's learned reward models, rather than the prior.
    private bool _championLearned;

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
            await _window.AddWeekAsync(closed, ArmRecords(cluster.Log.ReadAsync(closed, closed, cancellationToken)), cancellationToken).ConfigureAwait(false);
            cluster.DoneReading(closed);
            _weeksRead++;
        }

        var version = $"experiment-week{week + 1}";
        if (week == options.ExplorationWeeks)
        {
            // Leaving the exploration weeks: the prior plans, with the product's exploration share, until a version
            // beats it. Without exploration weeks the experiment starts that way.
            cluster.Serve(_champion, null, null, SlowPolicyOptions.DefaultEpsilon);
        }

        try
        {
            var card = await ModelTraining.TrainAsync(_window, _store, version, Training, champion: _champion, cancellationToken: cancellationToken).ConfigureAwait(false);
            var check = card.Promotion!;
            var comparison = string.Create(CultureInfo.InvariantCulture,
                $"its plans {check.Value:+0.000;-0.000} engaged days against {check.ChampionValue:+0.000;-0.000} for {check.Champion}'s (+- {check.StandardError:F3}) on {check.Matched:N0} and {check.ChampionMatched:N0} of {check.Rows:N0} held-out explored weeks");
            if (!check.Promoted)
            {
                // Its reward models lose to the champion's plans, but its opt-out models and calibration are learned
                // from every planned week: while the prior plans, it prices opt-outs with them.
                if (!_championLearned)
                {
                    _champion = ModelArtefacts.LoadPrior(card);
                    cluster.Serve(_champion, null, null, SlowPolicyOptions.DefaultEpsilon);
                }

                return $"{_champion.Version} plans: {version} (trained on {card.Records:N0} member-weeks, {card.ExploredWeeks:N0} explored) is not clearly better, {comparison}";
            }

            _champion = ModelArtefacts.LoadRewardModel(card);
            _championLearned = true;
            cluster.Serve(_champion, ModelArtefacts.LoadScorer(card), ModelArtefacts.LoadPriors(card), SlowPolicyOptions.DefaultEpsilon);
            return $"{version}, trained on {card.Records:N0} member-weeks ({card.ExploredWeeks:N0} explored), {comparison}";
        }
        catch (InvalidDataException e)
        {
            return $"{_champion.Version} kept: {e.Message}";
        }
    }

    public void Dispose() => Directory.Delete(_store.Root, recursive: true);

    private static async IAsyncEnumerable<MemberWeekRecord> ArmRecords(IAsyncEnumerable<MemberWeekRecord> records)
    {
        await foreach (var record in records.ConfigureAwait(false))
        {
            if (record.Arm == "hierarchical") yield return record;
        }
    }
}
