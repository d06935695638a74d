using System.Globalization;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Evaluation;
using NotificationActors.Learning.Models;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;

namespace NotificationActors.Learning.Serving;

/// <summary>
/// One hierarchical arm's learning loop, as a champion/challenger process (docs/learning.md): the prior plans, as it
/// does with the loop off, until a trained version wins a live trial; nothing a version learnt, its opt-out models
/// included, plans for every member before it has won one. Whenever no trial runs, a version is trained on the arm's last
/// <see cref="LearningLoopOptions.WindowWeeks"/> closed weeks of the learning log and put on trial: it plans, within the
/// trust region around the champion's plans, for a random half of the arm's members for two weeks
/// (<see cref="ChallengerTrial"/>) and replaces the champion only if its members did clearly better; otherwise it is
/// retired and the next version is trained. Each step says what a week plans with as a <see cref="LoopServing"/>, which
/// names stored versions only, so any silo can serve it from the model store.
/// </summary>
public sealed class LearningLoop
{
    /// <summary>
    /// Fewest explored weeks a version is trained on before it goes on trial: 25 per push and email reward weight. A trial
    /// costs the members on the challenger's side whatever the challenger gets wrong, and the first versions, fitted on
    /// under a thousand explored weeks, lost 0.3 engaged days a member over their two weeks. The in-app bases, fitted on
    /// the same weeks and pooled as the rest, do not move it: the first trials come when they came before.
    /// </summary>
    public static readonly int MinTrialExploredWeeks = 25 * RewardBasis.PushEmailRewardLength;

    /// <summary>
    /// The message cost a trained version plans with when its card has none tuned (<see cref="ModelCard.MessageCost"/>,
    /// versions trained before costs were). Its utility already holds next week's engaged days (the fatigue the week
    /// leaves) and the opt-out risk at its price, which is what the trial judges it on; the prior's 0.06 a message
    /// stands in for those terms and would count them twice.
    /// </summary>
    public const double LearnedMessageCost = 0;

    /// <summary>The message cost <paramref name="card"/>'s version plans with: the one tuned for it, else <see cref="LearnedMessageCost"/>.</summary>
    public static double MessageCostOf(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.MessageCost?.Chosen ?? LearnedMessageCost;
    }

    /// <summary>
    /// Engaged days (over the week and the next) a version must expect to gain before it moves a member off the
    /// champion's plan (<see cref="TrustRegionModel"/>). Without it a version moved plans on differences within its
    /// fit's noise; at 100,000 x 26 the trials' losses shrank as the margin grew from 0 to 0.1 to 0.25, and at 0.5 the
    /// first version at 100,000 x 13 stopped cutting casual viewers' pushes and was further ahead of the prior by the
    /// truth, the later ones level (docs/learning.md).
    /// </summary>
    public const double TrialMargin = 0.5;

    /// <summary>
    /// Grid levels per channel around the champion's plan a challenger may plan within (<see cref="TrustRegionModel"/>):
    /// the reach of the champion's push exploration. Email explores one level locally, but the uniform weeks' box (up to
    /// three emails) covers two levels around the plans, which send at most one email to most members.
    /// </summary>
    public const int TrustRadius = SlowPolicyOptions.DefaultLocalPushRadius;

    private readonly LearningLoopOptions _options;
    private readonly ILearningLog _log;
    private readonly IModelStore _store;

    // Each closed week is converted once, as it is read; a retraining fits on the window without re-reading it.
    private readonly LearningWindow _window;
    private IsoWeek _nextUnread;

    private IRewardModel _champion = new ParametricRewardModel();

    // The version whose opt-out models price the prior's opt-outs (null: the built-in prior; only a serving written before
    // 2026-12-05's sixth session names one), and the versions that won their trials, oldest first: the champion is the
    // last of them, within the trust region around the one before.
    private string? _priorFrom;
    private readonly List<string> _promoted = [];

    // The message cost the champion plans with: the arm's while the prior plans, the last promoted version's after.
    private double _championCost;

    // The version whose causal ranker won its trial (null: none has; the causal arms rank by the engagement ranker), the
    // version whose engagement ranker serves (that of the last promoted version with one; "relevance" before), and the
    // causal ranker on trial with its version.
    private string? _ranker;
    private string _engagementRanker = RelevanceScorer.RelevanceVersion;
    private (RankerDuelTrial Trial, string Version)? _rankerTrial;

    // The trial running, with the version on trial and its message cost; null between trials.
    private (ChallengerTrial Trial, string Version, IRewardModel Challenger, double Cost)? _trial;

    /// <summary>A loop that reads <paramref name="log"/> from <paramref name="firstWeek"/> on and saves its versions in <paramref name="store"/>.</summary>
    public LearningLoop(LearningLoopOptions options, ILearningLog log, IModelStore store, IsoWeek firstWeek)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _window = new LearningWindow(options.WindowWeeks, options.Training.ValidationShare);
        _nextUnread = firstWeek;
        _championCost = options.ArmPricing.MessageCost;
        _training = options.Training.PricedAs(options.ArmPricing);
    }

    // The training settings with the arm's prices, so a version's message cost is tuned and checked as the arm charges.
    private readonly RewardTrainingOptions _training;

    /// <summary>
    /// A loop carrying on from <paramref name="last"/>, the last serving it made (after its host restarted): the champion
    /// and any trial as they were, and the window re-read from the log at the next step, the trial's weeks with it. Its
    /// opt-out fits start afresh rather than from the last ones, so its next version may differ in the last digits from
    /// an unbroken loop's.
    /// </summary>
    /// <exception cref="InvalidDataException">The store lacks a version <paramref name="last"/> names.</exception>
    public static async Task<LearningLoop> ResumeAsync(LearningLoopOptions options, ILearningLog log, IModelStore store, LoopServing last, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(last);
        var week = IsoWeek.Parse(last.Week);
        var loop = new LearningLoop(options, log, store, IsoWeek.Containing(week.Start.AddDays(-7 * options.WindowWeeks)));
        var served = await ServedLoop.LoadAsync(last, store, options.ArmPricing, cancellationToken).ConfigureAwait(false);
        (loop._champion, loop._priorFrom, loop._championCost) = (served.Champion, last.PriorFrom, served.MessageCost ?? options.ArmPricing.MessageCost);
        loop._promoted.AddRange(last.Promoted);
        (loop._ranker, loop._engagementRanker) = (last.Ranker, served.Scorer?.Version ?? RelevanceScorer.RelevanceVersion);
        if (last.RankerChallenger is { } onTrial && served.CausalChallenger is { } ranker && IsoWeek.TryParse(last.RankerChallengerSince, out var rankerSince))
        {
            loop._rankerTrial = (loop.RankerTrial(ranker.Version, rankerSince), onTrial);
        }

        if (last.Challenger is { } version && served.Challenger is { } challenger && IsoWeek.TryParse(last.ChallengerSince, out var since))
        {
            loop._trial = (new ChallengerTrial(challenger.Version, served.Champion.Version, since, options.ArmPricing, options.TrialWeeks), version, challenger, served.ChallengerMessageCost);
        }

        return loop;
    }

    /// <summary>Called with each closed week once it has been read into the window (e.g. to free it in a log that keeps weeks only until read).</summary>
    public Action<IsoWeek>? WeekRead { get; init; }

    /// <summary>
    /// What week <paramref name="week"/> plans with: reads the closed weeks before it that are not yet read (a week's
    /// records land when it closes, at the next week's first call, so before week w the log holds the weeks up to w - 2),
    /// decides a trial whose last week has been read, and trains a new version and puts it on trial when none runs.
    /// Call it once a week, weeks rising.
    /// </summary>
    public async Task<LoopServing> AdvanceAsync(IsoWeek week, CancellationToken cancellationToken = default)
    {
        var closedBefore = week.Previous();
        while (_nextUnread < closedBefore)
        {
            var closed = _nextUnread.ToString();
            await _window.AddWeekAsync(closed, ArmRecords(Tapped(_log.ReadAsync(closed, closed, cancellationToken))), cancellationToken).ConfigureAwait(false);
            WeekRead?.Invoke(_nextUnread);
            _nextUnread = _nextUnread.Next();
        }

        var decided = DecideRankerTrial();
        if (_trial is { } running)
        {
            var (trial, _, challenger, cost) = running;
            if (_nextUnread.Previous() < trial.LastWeek)
            {
                return Serving(week, $"{decided}{_champion.Version} plans; {trial.Challenger} on trial for half the members since {trial.FirstWeek}");
            }

            var result = trial.Decide();
            _trial = null;
            decided += result + "; ";
            if (result.Promoted)
            {
                _champion = challenger;
                _championCost = cost;
                _promoted.Add(running.Version);
                if (await ModelArtefacts.ReadCardAsync(_store, running.Version, cancellationToken).ConfigureAwait(false) is { Bandit: not null }) _engagementRanker = running.Version;
            }
        }

        var version = _options.VersionName(week);
        try
        {
            var card = await TrainOrReadAsync(version, cancellationToken).ConfigureAwait(false);
            if (_options.CausalRankingArms && card.CausalRanker is not null && _rankerTrial is null)
            {
                _rankerTrial = (RankerTrial(ModelArtefacts.CausalRankerVersion(version), week), version);
                decided += $"{version}'s causal ranker on trial against the causal ranking arms' ranker, send by send; ";
            }

            if (card.ExploredWeeks < MinTrialExploredWeeks)
            {
                return Serving(week, string.Create(CultureInfo.InvariantCulture,
                    $"{decided}{_champion.Version} plans; {version} was trained on {card.ExploredWeeks:N0} explored weeks, too few to put on trial (at least {MinTrialExploredWeeks:N0})"));
            }

            // The region is drawn around the plans the champion makes, at the champion's own message cost.
            var challenger = Challenger(ModelArtefacts.LoadRewardModel(card), _champion, _options.ArmPricing.PricedAlike(_championCost));
            var trial = WithPreTrial(new ChallengerTrial(challenger.Version, _champion.Version, week, _options.ArmPricing, _options.TrialWeeks));
            _trial = (trial, version, challenger, MessageCostOf(card));
            return Serving(week, string.Create(CultureInfo.InvariantCulture,
                $"{decided}{_champion.Version} plans; {version} (trained on {card.Records:N0} member-weeks, {card.ExploredWeeks:N0} explored; {MessageCostOf(card):G3} a message) on trial for half the members"));
        }
        catch (InvalidDataException e)
        {
            return Serving(week, $"{decided}{_champion.Version} kept: {e.Message}");
        }
    }

    // A step repeated after its host stopped between saving the version and recording the serving reuses the saved
    // version: versions are immutable, and the window it would be trained on is the same.
    private async Task<ModelCard> TrainOrReadAsync(string version, CancellationToken cancellationToken)
    {
        try
        {
            return await ModelTraining.TrainAsync(_window, _store, version, _training, champion: _champion, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ModelVersionExistsException)
        {
            return await ModelArtefacts.ReadCardAsync(_store, version, cancellationToken).ConfigureAwait(false);
        }
    }

    // A causal ranker's duel against the ranker the causal arms otherwise have: the causal champion, or the engagement
    // ranker while none has won. Each unit's side is the ranker whose pick went out.
    private RankerDuelTrial RankerTrial(string challenger, IsoWeek firstWeek) =>
        new(challenger, _ranker is { } champion ? ModelArtefacts.CausalRankerVersion(champion) : _engagementRanker, firstWeek, _options.TrialWeeks);

    // A new trial adjusts for each member's weeks in the window, read before it started.
    private ChallengerTrial WithPreTrial(ChallengerTrial trial)
    {
        foreach (var (member, engagedDays) in _window.EngagedDays()) trial.AddPreTrial(member, engagedDays);
        return trial;
    }

    // Decides the ranker's trial once its last week has been read; says what it decided.
    private string DecideRankerTrial()
    {
        if (_rankerTrial is not { } running || _nextUnread.Previous() < running.Trial.LastWeek) return "";
        var result = running.Trial.Decide();
        _rankerTrial = null;
        if (result.Promoted) _ranker = running.Version;
        return $"ranker: {result}; ";
    }

    /// <summary>A trained version's reward models on trial: its plans held within the trust region around the champion's, moved only for a clear gain.</summary>
    public static TrustRegionModel Challenger(IRewardModel trained, IRewardModel champion, SlowPolicyOptions championPricing) =>
        new(trained, champion, ActionGrid.Default, championPricing, TrustRadius, TrialMargin);

    private LoopServing Serving(IsoWeek week, string summary) => new()
    {
        Week = week.ToString(),
        PriorFrom = _priorFrom,
        Promoted = [.. _promoted],
        Challenger = _trial?.Version,
        ChallengerSince = _trial?.Trial.FirstWeek.ToString(),
        Ranker = _ranker,
        RankerChallenger = _rankerTrial?.Version,
        RankerChallengerSince = _rankerTrial?.Trial.FirstWeek.ToString(),
        Summary = summary,
    };

    // The closed week's records on their way into the window also reach the trials that read them: the reward model's
    // its own arm's, the ranker's duel every pacing arm's, since the ranking layer splits members independently of
    // pacing and each of its units compares a member with themselves.
    private async IAsyncEnumerable<MemberWeekRecord> Tapped(IAsyncEnumerable<MemberWeekRecord> records)
    {
        await foreach (var record in records.ConfigureAwait(false))
        {
            if (string.Equals(record.Arm, _options.Arm, StringComparison.Ordinal)) _trial?.Trial.Add(record);
            _rankerTrial?.Trial.Add(record);
            yield return record;
        }
    }

    private async IAsyncEnumerable<MemberWeekRecord> ArmRecords(IAsyncEnumerable<MemberWeekRecord> records)
    {
        await foreach (var record in records.ConfigureAwait(false))
        {
            if (string.Equals(record.Arm, _options.Arm, StringComparison.Ordinal)) yield return record;
        }
    }
}
