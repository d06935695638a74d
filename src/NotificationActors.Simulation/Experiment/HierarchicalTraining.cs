using System.Globalization;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Evaluation;
using NotificationActors.Learning.Models;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// The hierarchical arm's learning loop, as a champion/challenger process: random plans for any exploration weeks,
/// then the prior plans (with the product's exploration share, pricing opt-outs with the latest version's opt-out
/// models and calibration) until a trained version wins a live trial. Whenever no trial runs, a version is trained on
/// the arm's last <see cref="WindowWeeks"/> closed weeks in the cluster's learning log and put on trial: it plans for
/// a random half of the arm's members for two weeks (<see cref="ChallengerTrial"/>) and replaces the champion only if
/// its members did clearly better; otherwise it is retired and the next version is trained.
/// </summary>
internal sealed class HierarchicalTraining(ExperimentCluster cluster, ExperimentOptions options) : IDisposable
{
    /// <summary>Weeks of the arm's log a retraining reads: recent enough to follow the members, enough to fit.</summary>
    public const int WindowWeeks = 8;

    // The utility's prices, which a trial charges opt-outs at.
    private static readonly SlowPolicyOptions Costs = new();

    // The message cost the champion plans with: the arm's while the prior plans, a trained version's once one won.
    private double _championMessageCost = options.HierarchicalMessageCost ?? SlowPolicyOptions.DefaultMessageCost;

    // One thread: a seed's run must train the same models every time it runs.
    private static readonly RewardTrainingOptions Training = new() { Threads = 1 };

    private readonly FolderModelStore _store = new(Directory.CreateTempSubdirectory("na-experiment-models-").FullName);

    // Each closed week is converted once, as it closes; a retraining fits on the window without re-reading it.
    private readonly LearningWindow _window = new(WindowWeeks, Training.ValidationShare);
    private int _weeksRead;
    private IRewardModel _champion = new ParametricRewardModel();

    // Whether the champion is a promoted version's learned reward models, rather than the prior.
    private bool _championLearned;

    // The trial running, with the version on trial; null between trials.
    private (ChallengerTrial Trial, ModelCard Card, IRewardModel Challenger)? _trial;

    /// <summary>
    /// Fewest explored weeks a version is trained on before it goes on trial: 25 per reward weight. A trial costs the
    /// members on the challenger's side whatever the challenger gets wrong, and the first versions, fitted on under a
    /// thousand explored weeks, lost 0.3 engaged days a member over their two weeks.
    /// </summary>
    public static readonly int MinTrialExploredWeeks = 25 * RewardBasis.RewardLength;

    /// <summary>
    /// The message cost a trained version plans with. Its utility already holds next week's engaged days (the fatigue
    /// the week leaves) and the opt-out risk at its price, which is what the trial judges it on; the prior's 0.06 a
    /// message stands in for those terms and would count them twice. The guard against drifting to "always send" is the
    /// trust region: a version moves plans at most two levels from the champion's, and only after winning a trial.
    /// </summary>
    public const double LearnedMessageCost = 0;

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
            var closed = Week(_weeksRead).ToString();
            await _window.AddWeekAsync(closed, Tapped(ArmRecords(cluster.Log.ReadAsync(closed, closed, cancellationToken))), cancellationToken).ConfigureAwait(false);
            cluster.DoneReading(closed);
            _weeksRead++;
        }

        if (week == options.ExplorationWeeks)
        {
            // Leaving the exploration weeks: the prior plans, with the product's exploration share, until a version
            // beats it. Without exploration weeks the experiment starts that way.
            cluster.Serve(_champion, null, null, SlowPolicyOptions.DefaultEpsilon);
        }

        var decided = "";
        if (_trial is { } running)
        {
            var (trial, tried, challenger) = running;
            if (Week(_weeksRead - 1) < trial.LastWeek)
            {
                return $"{_champion.Version} plans; {trial.Challenger} on trial for half the members since {trial.FirstWeek}";
            }

            var result = trial.Decide();
            cluster.Challenge(null);
            _trial = null;
            decided = result + "; ";
            if (result.Promoted)
            {
                _champion = challenger;
                _championLearned = true;
                _championMessageCost = LearnedMessageCost;
                cluster.Serve(_champion, ModelArtefacts.LoadScorer(tried), ModelArtefacts.LoadPriors(tried), SlowPolicyOptions.DefaultEpsilon, LearnedMessageCost);
            }
        }

        var version = $"experiment-week{week + 1}";
        try
        {
            var card = await ModelTraining.TrainAsync(_window, _store, version, Training, champion: _champion, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!_championLearned)
            {
                // The prior keeps planning for the champion's half, pricing opt-outs with the newest opt-out models and
                // calibration: those are learned from every planned week, not only the explored ones.
                _champion = ModelArtefacts.LoadPrior(card);
                cluster.Serve(_champion, null, null, SlowPolicyOptions.DefaultEpsilon);
            }

            if (card.ExploredWeeks < MinTrialExploredWeeks)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"{decided}{_champion.Version} plans; {version} was trained on {card.ExploredWeeks:N0} explored weeks, too few to put on trial (at least {MinTrialExploredWeeks:N0})");
            }

            // The region is drawn around the plans the champion makes, at the champion's own message cost.
            var challenger = new TrustRegionModel(ModelArtefacts.LoadRewardModel(card), _champion, ActionGrid.Default,
                new SlowPolicyOptions { MessageCost = _championMessageCost }, SlowPolicyOptions.DefaultLocalRadius);
            _trial = (new ChallengerTrial(challenger.Version, _champion.Version, Week(week), Costs), card, challenger);
            cluster.Challenge(challenger, LearnedMessageCost);
            return string.Create(CultureInfo.InvariantCulture,
                $"{decided}{_champion.Version} plans; {version} (trained on {card.Records:N0} member-weeks, {card.ExploredWeeks:N0} explored) on trial for half the members");
        }
        catch (InvalidDataException e)
        {
            return $"{decided}{_champion.Version} kept: {e.Message}";
        }
    }

    public void Dispose() => Directory.Delete(_store.Root, recursive: true);

    // The ISO week of the experiment's week number index (0-based).
    private IsoWeek Week(int index) => IsoWeek.Containing(options.Start.AddDays(7 * index));

    // The closed week's records on their way into the window also reach the trial that reads them.
    private async IAsyncEnumerable<MemberWeekRecord> Tapped(IAsyncEnumerable<MemberWeekRecord> records)
    {
        await foreach (var record in records.ConfigureAwait(false))
        {
            _trial?.Trial.Add(record);
            yield return record;
        }
    }

    private static async IAsyncEnumerable<MemberWeekRecord> ArmRecords(IAsyncEnumerable<MemberWeekRecord> records)
    {
        await foreach (var record in records.ConfigureAwait(false))
        {
            if (record.Arm == "hierarchical") yield return record;
        }
    }
}
