using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Pacing;

namespace NotificationActors.Policy.Fast;

/// <summary>
/// The decision at a send opportunity, inside the week's plan: eligibility, then a pacing coin per channel,
/// then the ranking of eligible candidates on channels whose coin came up, with the outcome's propensity logged
/// (docs/policy.md). It never sends more on a channel (in-app included) than the plan's budget. Thread-safe; allocation-free
/// for up to <see cref="StackCandidateLimit"/> candidates.
/// </summary>
public sealed class FastPolicy
{
    /// <summary>Candidates handled with stack scratch; beyond this a decision allocates its scratch.</summary>
    public const int StackCandidateLimit = 256;

    private readonly ICandidateScorer _scorer;
    private readonly ICandidateScorer? _pacing;
    private readonly PacingGate _gate;
    private readonly double _temperature;
    private readonly double _minimumScore;

    /// <summary>The ranker that scores candidates.</summary>
    public ICandidateScorer Scorer => _scorer;

    /// <summary>The scorer whose best score per channel weighs an opportunity in the pacing coins: <see cref="Scorer"/> unless another was given.</summary>
    public ICandidateScorer PacingScorer => _pacing ?? _scorer;

    /// <summary>
    /// A fast policy with the given scorer, pacing gate and ranking settings. <paramref name="pacing"/>, when given,
    /// scores the opportunity for the pacing coins instead of <paramref name="scorer"/>: a ranker whose scores are
    /// effects (centred on zero) orders candidates, while relevance-weighted pacing keeps the engagement scale it
    /// spreads a budget by.
    /// </summary>
    public FastPolicy(ICandidateScorer? scorer = null, PacingGate? gate = null, FastPolicyOptions? options = null, ICandidateScorer? pacing = null)
    {
        options ??= new FastPolicyOptions();
        options.Validate();
        _scorer = scorer ?? RelevanceScorer.Instance;
        _pacing = pacing;
        _gate = gate ?? new PacingGate();
        _temperature = options.RankingTemperature;
        _minimumScore = options.MinimumScore;
    }

    /// <summary>Decides whether to send one of <paramref name="candidates"/> now, and which.</summary>
    public Decision Decide(MemberContext member, DateTimeOffset now, OpportunityKind kind, ReadOnlySpan<Candidate> candidates, Random random)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(random);
        var quiet = Eligibility.InQuietHours(member, now, out var utcOffset);
        var count = candidates.Length;
        Span<double> scores = count > StackCandidateLimit ? new double[count] : stackalloc double[count];
        Span<double> pacingScores = _pacing is null ? scores : count > StackCandidateLimit ? new double[count] : stackalloc double[count];
        Span<int> channelOf = count > StackCandidateLimit ? new int[count] : stackalloc int[count];

        var furthest = EligibilityStage.None;
        var eligible = 0;
        var belowFloor = false;
        var transactional = -1;
        var transactionalScore = double.NegativeInfinity;
        var present = ChannelSet.None;
        for (var i = 0; i < count; i++)
        {
            ref readonly var candidate = ref candidates[i];
            var stage = Eligibility.Check(member, candidate, now, quiet, enforceBudget: true);
            if (stage != EligibilityStage.Eligible)
            {
                if (stage > furthest) furthest = stage;
                channelOf[i] = -1;
                continue;
            }

            var score = _scorer.Score(member, candidate, kind, now);
            if (candidate.Priority == MessagePriority.Transactional)
            {
                if (score > transactionalScore)
                {
                    transactionalScore = score;
                    transactional = i;
                }

                channelOf[i] = -1;
                continue;
            }

            if (score < _minimumScore)
            {
                belowFloor = true;
                channelOf[i] = -1;
                continue;
            }

            scores[i] = score;
            if (_pacing is not null) pacingScores[i] = _pacing.Score(member, candidate, kind, now);
            channelOf[i] = (int)candidate.Channel;
            present = present.With(candidate.Channel);
            eligible++;
        }

        // Transactional messages bypass pacing and budget: the best one goes out now, deterministically.
        if (transactional >= 0)
        {
            return new Decision(true, transactional, candidates[transactional].Channel, DecisionReason.Selected, 1);
        }

        if (eligible == 0)
        {
            return Decision.Hold(belowFloor ? DecisionReason.BelowThreshold : Eligibility.HoldReason(furthest));
        }

        var (pushBest, emailBest, inAppBest) =
            (BestScore(pacingScores, channelOf, Channel.Push), BestScore(pacingScores, channelOf, Channel.Email), BestScore(pacingScores, channelOf, Channel.InApp));

        // One pacing coin per channel present, in a fixed order so that a seed reproduces a decision.
        var passed = ChannelSet.None;
        var propensity = 1.0;
        var holdProbability = 1.0;
        Span<double> channelProbability = stackalloc double[3];
        foreach (var channel in (ReadOnlySpan<Channel>)[Channel.Push, Channel.Email, Channel.InApp])
        {
            if (!present.Contains(channel))
            {
                continue;
            }

            var best = channel switch { Channel.Push => pushBest, Channel.Email => emailBest, _ => inAppBest };
            var p = _gate.SendProbability(member.Pacing, member.BudgetLeft(channel), kind, now, utcOffset, member.WeekEnd, member.RatesFor(channel), best);
            channelProbability[(int)channel] = p;
            holdProbability *= 1 - p;
            if (random.NextDouble() < p)
            {
                passed = passed.With(channel);
                propensity *= p;
            }
            else
            {
                propensity *= 1 - p;
            }
        }

        var bestIndex = Best(scores, channelOf, ChannelSet.All);
        if (passed == ChannelSet.None)
        {
            return Decision.Hold(DecisionReason.Pacing, propensity) with
            {
                PushBestScore = pushBest,
                EmailBestScore = emailBest,
                InAppBestScore = inAppBest,
                SendProbability = 1 - holdProbability,
                BestIndex = bestIndex,
            };
        }

        var chosen = Rank(scores, channelOf, passed, random, out var rankPropensity);
        return new Decision(true, chosen, candidates[chosen].Channel, DecisionReason.Selected, propensity * rankPropensity)
        {
            PushBestScore = pushBest,
            EmailBestScore = emailBest,
            InAppBestScore = inAppBest,
            SendProbability = 1 - holdProbability,
            BestIndex = bestIndex,
            BestSendProbability = chosen == bestIndex ? channelProbability[channelOf[bestIndex]] * rankPropensity : double.NaN,
        };
    }

    private static double BestScore(ReadOnlySpan<double> scores, ReadOnlySpan<int> channelOf, Channel channel)
    {
        var best = double.NaN;
        for (var i = 0; i < scores.Length; i++)
        {
            if (channelOf[i] == (int)channel && !(scores[i] <= best)) best = scores[i];
        }

        return best;
    }

    // The highest-scoring candidate on the channels of the set, or -1.
    private static int Best(ReadOnlySpan<double> scores, ReadOnlySpan<int> channelOf, ChannelSet channels)
    {
        var best = -1;
        for (var i = 0; i < scores.Length; i++)
        {
            if (channelOf[i] >= 0 && channels.Contains((Channel)channelOf[i]) && (best < 0 || scores[i] > scores[best]))
            {
                best = i;
            }
        }

        return best;
    }

    // Softmax over the candidates whose channel passed its coin; argmax when the temperature is 0.
    // Scores are overwritten with their softmax weights so each exponential is computed once.
    private int Rank(Span<double> scores, ReadOnlySpan<int> channelOf, ChannelSet passed, Random random, out double propensity)
    {
        var best = Best(scores, channelOf, passed);
        var bestScore = scores[best];
        if (_temperature <= 0)
        {
            propensity = 1;
            return best;
        }

        var inverseTemperature = 1 / _temperature;
        var total = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = channelOf[i] >= 0 && passed.Contains((Channel)channelOf[i]) ? Math.Exp((scores[i] - bestScore) * inverseTemperature) : 0;
            total += scores[i];
        }

        var target = random.NextDouble() * total;
        var cumulative = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            cumulative += scores[i];
            if (scores[i] > 0 && cumulative > target)
            {
                propensity = scores[i] / total;
                return i;
            }
        }

        propensity = scores[best] / total;
        return best;
    }
}
