using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Models;

/// <summary>
/// The trained models served to the slow policy: engaged days this week and next as curves in the
/// week's push and email frequencies and in-app cap that rise and can turn down, and per-channel opt-out probabilities, all linear in
/// <see cref="RewardBasis"/>. ML.NET trains them; planning evaluates the extracted weights directly, a handful
/// of multiply-adds per action after a per-member precomputation, because calling ML.NET's prediction engine
/// for 100 actions of every member would make weekly planning far slower than the kernel it replaces.
/// Public so the planning benchmark can measure it; a silo builds it from a card (<c>ModelArtefacts.LoadRewardModel</c>).
/// </summary>
public sealed class LearnedRewardModel : IRewardModel
{
    /// <summary>Engaged days in the planned week.</summary>
    internal const string EngagementTerm = ParametricRewardModel.EngagementTerm;

    /// <summary>Engaged days in the week after: the lasting effect, and the cost of fatigue carried over.</summary>
    internal const string NextWeekEngagementTerm = "nextWeekEngagement";

    private static readonly string[] Names = [EngagementTerm, NextWeekEngagementTerm];

    private readonly LinearHead[] _rewards;
    private readonly LinearHead _pushOptOut;
    private readonly LinearHead _emailOptOut;

    /// <summary>
    /// The model of version <paramref name="version"/> from its four heads; <paramref name="learnedInApp"/> false when the
    /// slow policy's assumed in-app curve sets its caps: for a version trained before in-app caps were learned (its in-app
    /// weights are 0), or one whose in-app bases did not predict held-out weeks better (<c>RewardModelTrainer.LearnsInApp</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A head has the wrong number of weights for its basis.</exception>
    public LearnedRewardModel(string version, LinearHead engagement, LinearHead nextWeekEngagement, LinearHead pushOptOut, LinearHead emailOptOut, bool learnedInApp = true)
    {
        Version = version;
        LearnedInApp = learnedInApp;
        _rewards = [engagement, nextWeekEngagement];
        _pushOptOut = pushOptOut;
        _emailOptOut = emailOptOut;
        if (_rewards.Any(h => h.Weights.Length != RewardBasis.RewardLength) || new[] { pushOptOut, emailOptOut }.Any(h => h.Weights.Length != RewardBasis.OptOutLength))
        {
            throw new ArgumentException($"Reward heads need {RewardBasis.RewardLength} weights and opt-out heads {RewardBasis.OptOutLength}.");
        }
    }

    public string Version { get; }

    /// <summary>Whether the version's own in-app curve sets its caps (<see cref="InAppGains"/>).</summary>
    public bool LearnedInApp { get; }

    /// <summary>
    /// The opt-out lineage of every trained version: their opt-out heads are fitted by one trainer on an arm's recent
    /// log, so what they miss of the population's opt-outs carries from one weekly version to the next, and a
    /// calibration per version, started afresh each week, priced the learning loop's plans at the uncalibrated level.
    /// Apart from the built-in prior's, whose misses are its own.
    /// </summary>
    public const string TrainedLineage = "trained";

    /// <summary>Indices of a model's reward terms that count engaged days (this week's and next week's, whichever it has).</summary>
    internal static int[] EngagedDayTerms(IRewardModel model) =>
        [.. Enumerable.Range(0, model.RewardNames.Count).Where(k => model.RewardNames[k] is EngagementTerm or NextWeekEngagementTerm)];

    /// <summary>Every trained version's: <see cref="TrainedLineage"/>.</summary>
    public string OptOutLineage => TrainedLineage;

    public IReadOnlyList<string> RewardNames => Names;

    public void Predict(in MemberFeatures member, ActionGrid grid, Span<double> rewards, Span<double> optOutProbability)
    {
        var n = grid.Count;
        if (rewards.Length < Names.Length * n || optOutProbability.Length < 2 * n)
        {
            throw new ArgumentException($"Output spans are too short for a grid of {n} actions.");
        }

        Span<double> traits = stackalloc double[RewardBasis.MemberLength];
        RewardBasis.Member(member, traits);
        var pushLevels = grid.PushLevels;
        var emailLevels = grid.EmailLevels;
        Span<double> logPush = stackalloc double[pushLevels.Length];
        Span<double> logEmail = stackalloc double[emailLevels.Length];
        Span<double> pushPart = stackalloc double[pushLevels.Length];
        Span<double> emailPart = stackalloc double[emailLevels.Length];
        Span<double> coefficients = stackalloc double[RewardBasis.RewardBases.Length];
        Span<double> bases = stackalloc double[RewardBasis.ChannelBases];
        const int Cross = 2 * RewardBasis.ChannelBases;

        // Separable: each channel's bases depend on its own level, so per level they are summed once and only the
        // interaction is evaluated per action.
        for (var k = 0; k < _rewards.Length; k++)
        {
            var head = _rewards[k];
            var main = head.Main(traits);
            for (var b = 0; b < coefficients.Length; b++)
            {
                coefficients[b] = head.Coefficient(traits, b);
            }

            for (var p = 0; p < pushLevels.Length; p++)
            {
                RewardBasis.Channel(pushLevels[p], bases);
                logPush[p] = bases[0];
                pushPart[p] = main + (coefficients[0] * bases[0]) + (coefficients[1] * bases[1]);
            }

            for (var e = 0; e < emailLevels.Length; e++)
            {
                RewardBasis.Channel(emailLevels[e], bases);
                logEmail[e] = bases[0];
                emailPart[e] = (coefficients[RewardBasis.ChannelBases] * bases[0]) + (coefficients[RewardBasis.ChannelBases + 1] * bases[1]);
            }

            var term = rewards.Slice(k * n, n);
            var index = 0;
            for (var p = 0; p < pushLevels.Length; p++)
            {
                var cross = coefficients[Cross] * logPush[p];
                for (var e = 0; e < emailLevels.Length; e++, index++)
                {
                    term[index] = pushPart[p] + emailPart[e] + (cross * logEmail[e]);
                }
            }
        }

        PredictOptOut(member, grid, optOutProbability);
    }

    /// <summary>
    /// The in-app bases' part of each engaged-day head at 0, 1, 2, ... in-app messages beside the action's pushes and
    /// emails (term-major, as <see cref="IRewardModel.InAppGains"/> lays it out); the grid's predictions are at none.
    /// </summary>
    public bool InAppGains(in MemberFeatures member, PacingAction action, Span<double> gains)
    {
        if (!LearnedInApp) return false;
        var count = gains.Length / Names.Length;
        Span<double> traits = stackalloc double[RewardBasis.MemberLength];
        Span<double> coefficients = stackalloc double[RewardBasis.RewardBases.Length - RewardBasis.InAppBasis];
        Span<double> bases = stackalloc double[coefficients.Length];
        RewardBasis.Member(member, traits);
        for (var k = 0; k < _rewards.Length; k++)
        {
            for (var b = 0; b < coefficients.Length; b++)
            {
                coefficients[b] = _rewards[k].Coefficient(traits, RewardBasis.InAppBasis + b);
            }

            var term = gains.Slice(k * count, count);
            for (var i = 0; i < count; i++)
            {
                RewardBasis.InApp(i, action.Sends, bases);
                var gain = 0.0;
                for (var b = 0; b < bases.Length; b++)
                {
                    gain += coefficients[b] * bases[b];
                }

                term[i] = gain;
            }
        }

        return true;
    }

    /// <summary>Writes only the per-channel opt-out probabilities, push then email, as <see cref="Predict"/> lays them out.</summary>
    internal void PredictOptOut(in MemberFeatures member, ActionGrid grid, Span<double> optOutProbability)
    {
        var n = grid.Count;
        Span<double> traits = stackalloc double[RewardBasis.MemberLength];
        RewardBasis.Member(member, traits);
        var pushLevels = grid.PushLevels;
        var emailLevels = grid.EmailLevels;
        Span<double> pushOut = stackalloc double[pushLevels.Length];
        Span<double> emailOut = stackalloc double[emailLevels.Length];
        ChannelOptOut(_pushOptOut, traits, pushLevels, pushOut);
        ChannelOptOut(_emailOptOut, traits, emailLevels, emailOut);
        var pushTarget = optOutProbability[..n];
        var emailTarget = optOutProbability.Slice(n, n);
        var i = 0;
        for (var p = 0; p < pushLevels.Length; p++)
        {
            for (var e = 0; e < emailLevels.Length; e++, i++)
            {
                pushTarget[i] = pushOut[p];
                emailTarget[i] = emailOut[e];
            }
        }
    }

    private static void ChannelOptOut(LinearHead head, ReadOnlySpan<double> traits, ReadOnlySpan<int> levels, Span<double> probability)
    {
        var main = head.Main(traits);
        var linear = head.Coefficient(traits, 0);
        var square = head.Coefficient(traits, 1);
        Span<double> bases = stackalloc double[RewardBasis.OptOutBases.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            RewardBasis.OptOut(levels[i], bases);
            probability[i] = head.Probability(main + (linear * bases[0]) + (square * bases[1]));
        }
    }
}
