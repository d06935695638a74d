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

    /// <summary>
    /// Decides whether to send one of <paramref name="candidates"/> now, and which. With a <paramref name="challenger"/>
    /// (a ranker on trial), this policy's eligibility and pacing coins still decide whether a message goes out; when one
    /// does, both rankers pick among the candidates of the channels whose coins came up, with one shared draw, and a fair
    /// coin sends one of the two picks (<see cref="Decision.RankerDuel"/>): sends on which the picks differ compare the
    /// rankers at the same sends, member against themselves.
    /// </summary>
    public Decision Decide(MemberContext member, DateTimeOffset now, OpportunityKind kind, ReadOnlySpan<Candidate> candidates, Random random, FastPolicy? challenger = null)
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

        var pacing = new Decision(true, -1, default, DecisionReason.Selected, propensity)
        {
            PushBestScore = pushBest,
            EmailBestScore = emailBest,
            InAppBestScore = inAppBest,
            SendProbability = 1 - holdProbability,
            BestIndex = bestIndex,
        };
        if (challenger is not null)
        {
            return Duel(pacing, challenger, member, now, kind, candidates, scores, channelOf, passed, channelProbability, random);
        }

        var chosen = Rank(scores, channelOf, passed, _temperature > 0 ? random.NextDouble() : 0, out var total);
        var rankPropensity = Probability(scores, chosen, total);
        return pacing with
        {
            CandidateIndex = chosen,
            Channel = candidates[chosen].Channel,
            Propensity = propensity * rankPropensity,
            BestSendProbability = chosen == bestIndex ? channelProbability[channelOf[bestIndex]] * rankPropensity : double.NaN,
        };
    }

    // The send of a ranker's trial: both rankers pick with one draw, so they differ only where their orderings do, and a
    // second draw, a fair coin, chooses whose pick goes out. A challenger whose floor leaves it nothing holds. Every
    // candidate's chance is the coin's mix of the two rankers' chances, so the log stays exact for off-policy use.
    private Decision Duel(Decision pacing, FastPolicy challenger, MemberContext member, DateTimeOffset now, OpportunityKind kind, ReadOnlySpan<Candidate> candidates,
        Span<double> scores, Span<int> channelOf, ChannelSet passed, ReadOnlySpan<double> channelProbability, Random random)
    {
        var count = candidates.Length;
        Span<double> rival = count > StackCandidateLimit ? new double[count] : stackalloc double[count];
        Span<int> rivalChannelOf = count > StackCandidateLimit ? new int[count] : stackalloc int[count];
        for (var i = 0; i < count; i++)
        {
            (rival[i], rivalChannelOf[i]) = (0, -1);
            if (channelOf[i] < 0 || !passed.Contains((Channel)channelOf[i])) continue;
            var score = challenger._scorer.Score(member, candidates[i], kind, now);
            if (score < challenger._minimumScore) continue;
            rival[i] = score;
            rivalChannelOf[i] = channelOf[i];
        }

        var draw = random.NextDouble();
        var own = Rank(scores, channelOf, passed, draw, out var ownTotal);
        var theirTotal = 0.0;
        var theirs = Best(rival, rivalChannelOf, passed) < 0 ? -1 : challenger.Rank(rival, rivalChannelOf, passed, draw, out theirTotal);
        var challengerDecides = random.NextDouble() < 0.5;
        var chosen = challengerDecides ? theirs : own;
        if (chosen < 0)
        {
            return pacing with
            {
                Send = false,
                Reason = DecisionReason.BelowThreshold,
                Propensity = pacing.Propensity * 0.5,
                SendProbability = double.NaN,
                RankerDuel = true,
                ChallengerDecided = true,
            };
        }

        var best = pacing.BestIndex;
        return pacing with
        {
            CandidateIndex = chosen,
            Channel = candidates[chosen].Channel,
            Propensity = pacing.Propensity * Chance(scores, ownTotal, rival, theirs, theirTotal, chosen),
            BestSendProbability = chosen == best ? channelProbability[channelOf[best]] * Chance(scores, ownTotal, rival, theirs, theirTotal, best) : double.NaN,
            RankerDuel = own != theirs,
            ChallengerDecided = challengerDecides,
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

    // Softmax over the candidates whose channel passed its coin, drawn with the uniform `draw`; argmax when the
    // temperature is 0 (total 0). Scores are overwritten with their softmax weights so each exponential is computed
    // once; `total` is their sum, from which Probability reads any candidate's chance.
    private int Rank(Span<double> scores, ReadOnlySpan<int> channelOf, ChannelSet passed, double draw, out double total)
    {
        var best = Best(scores, channelOf, passed);
        var bestScore = scores[best];
        if (_temperature <= 0)
        {
            total = 0;
            for (var i = 0; i < scores.Length; i++) scores[i] = i == best ? 1 : 0;
            return best;
        }

        var inverseTemperature = 1 / _temperature;
        total = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = channelOf[i] >= 0 && passed.Contains((Channel)channelOf[i]) ? Math.Exp((scores[i] - bestScore) * inverseTemperature) : 0;
            total += scores[i];
        }

        var target = draw * total;
        var cumulative = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            cumulative += scores[i];
            if (scores[i] > 0 && cumulative > target)
            {
                return i;
            }
        }

        return best;
    }

    // A candidate's chance in a duel: the coin's even mix of each ranker's chance of picking it (none from a challenger that had nothing).
    private static double Chance(ReadOnlySpan<double> own, double ownTotal, ReadOnlySpan<double> theirs, int theirPick, double theirTotal, int index) =>
        (0.5 * Probability(own, index, ownTotal)) + (theirPick < 0 ? 0 : 0.5 * Probability(theirs, index, theirTotal));

    // The chance Rank gave `index`, from the weights it left and their total (0: the argmax, which it marked 1).
    private static double Probability(ReadOnlySpan<double> weights, int index, double total) => total > 0 ? weights[index] / total : weights[index];
}
