using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Contracts;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;

namespace NotificationActors.Learning.Bandit;

/// <summary>
/// The sends of the learning log as the bandit learns from them, gathered while the log is read: the ridge
/// regression's sufficient statistics (A = sum x x', b = sum r x) for training members, and the held-out
/// members' sends kept whole for validation. Memory stays O(d^2) however many weeks are read.
/// </summary>
internal sealed class BanditData
{
    private const int MaxValidationSends = 200_000;

    private readonly int _d = BanditFeatures.Length;
    private readonly double[] _x = new double[BanditFeatures.Length];

    public BanditData()
    {
        Gram = new double[_d * _d];
        Moment = new double[_d];
    }

    /// <summary>sum over training sends of x x' (row-major).</summary>
    public double[] Gram { get; }

    /// <summary>sum over training sends of r x.</summary>
    public double[] Moment { get; }

    public int TrainSends { get; private set; }

    public int TrainEngaged { get; private set; }

    /// <summary>Training sends played from within a day.</summary>
    public int TrainPlayed { get; private set; }

    /// <summary>The relevance of the training sends, summed per category bucket.</summary>
    public double[] RelevanceByBucket { get; } = new double[BanditFeatures.CategoryBuckets];

    /// <summary>The relevance of all training sends, summed.</summary>
    public double TrainRelevance { get; private set; }

    /// <summary>Training sends played from, per category bucket.</summary>
    public int[] PlayedByBucket { get; } = new int[BanditFeatures.CategoryBuckets];

    public List<HeldOutSend> Validation { get; } = [];

    /// <summary>The same records' randomised sends and holds, for the causal ranker.</summary>
    public CausalData Causal { get; private init; } = new();

    /// <summary>The sends of several reads as one: the statistics add up, the held-out sends join up to the cap.</summary>
    public static BanditData Sum(IEnumerable<BanditData> parts)
    {
        var list = parts as IReadOnlyCollection<BanditData> ?? [.. parts];
        var sum = new BanditData { Causal = CausalData.Sum(list.Select(p => p.Causal)) };
        foreach (var part in list)
        {
            for (var i = 0; i < sum.Gram.Length; i++) sum.Gram[i] += part.Gram[i];
            for (var i = 0; i < sum.Moment.Length; i++) sum.Moment[i] += part.Moment[i];
            for (var b = 0; b < sum.RelevanceByBucket.Length; b++)
            {
                (sum.RelevanceByBucket[b], sum.PlayedByBucket[b]) = (sum.RelevanceByBucket[b] + part.RelevanceByBucket[b], sum.PlayedByBucket[b] + part.PlayedByBucket[b]);
            }

            (sum.TrainSends, sum.TrainEngaged, sum.TrainPlayed) = (sum.TrainSends + part.TrainSends, sum.TrainEngaged + part.TrainEngaged, sum.TrainPlayed + part.TrainPlayed);
            sum.TrainRelevance += part.TrainRelevance;
            sum.Validation.AddRange(part.Validation.Take(MaxValidationSends - sum.Validation.Count));
        }

        return sum;
    }

    public void Add(MemberWeekRecord record, bool validation)
    {
        Causal.Add(record, validation);
        foreach (var decision in record.Decisions)
        {
            // Sends logged before the bandit's inputs were recorded cannot be featurised.
            if (!decision.Send || decision.Category is null || decision.Channel is not { } channel)
            {
                continue;
            }

            BanditFeatures.Write(decision.Relevance ?? double.NaN, channel.ToPolicy(), decision.Kind.ToPolicy(),
                decision.HoursSinceCategory is { } rest ? TimeSpan.FromHours(rest) : null,
                decision.HoursToExpiry is { } expiry ? TimeSpan.FromHours(expiry) : null,
                decision.Category, _x);
            if (validation)
            {
                if (Validation.Count < MaxValidationSends)
                {
                    Validation.Add(new HeldOutSend([.. _x.Select(v => (float)v)], decision.Engaged, decision.Category, channel.ToPolicy(), decision.Propensity));
                }

                continue;
            }

            TrainSends++;
            var r = decision.Engaged ? 1.0 : 0.0;
            if (decision.Engaged) TrainEngaged++;
            if (decision.Played) TrainPlayed++;
            var bucket = BanditFeatures.CategoryBucket(decision.Category);
            RelevanceByBucket[bucket] += _x[BanditFeatures.RelevanceIndex];
            TrainRelevance += _x[BanditFeatures.RelevanceIndex];
            if (decision.Played) PlayedByBucket[bucket]++;
            for (var i = 0; i < _d; i++)
            {
                var xi = _x[i];
                if (xi == 0) continue;
                Moment[i] += r * xi;
                for (var j = 0; j < _d; j++)
                {
                    Gram[(i * _d) + j] += xi * _x[j];
                }
            }
        }
    }
}

/// <summary>A held-out member's send: its features, outcome, intent and channel, and the propensity it was sent with.</summary>
internal sealed record HeldOutSend(float[] X, bool Engaged, string Category, Channel Channel, double Propensity);
