using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Pacing;

namespace NotificationActors.Policy.Fast;

/// <summary>
/// The fast policy's contextual bandit (LinUCB): the predicted chance the member engages with a message sent now,
/// theta . x, plus an exploration bonus alpha sqrt(x' A^-1 x) that is large for feature combinations the logs have
/// rarely seen, so they keep getting tried. theta and A^-1 come from ridge regression on logged sends and their
/// immediate outcomes; the policy's softmax over these scores logs every send's propensity. A calibration factor
/// per intent and channel, fitted on held-out sends, scales the prediction.
/// </summary>
public sealed class LinUcbScorer : ICandidateScorer
{
    private readonly double[] _theta;
    private readonly double[] _inverseGram;
    private readonly double _alpha;
    private readonly Dictionary<string, double[]> _factors = new(StringComparer.Ordinal);

    /// <summary>
    /// A scorer from trained weights (<see cref="BanditFeatures.Length"/>), A^-1 (row-major, length squared) and
    /// optional calibration factors by category and channel; a category or channel without one keeps factor 1.
    /// </summary>
    public LinUcbScorer(IReadOnlyList<double> theta, IReadOnlyList<double> inverseGram, double alpha,
        IEnumerable<(string Category, Channel Channel, double Factor)>? calibration = null, string version = "linucb")
    {
        Version = version;
        ArgumentNullException.ThrowIfNull(theta);
        ArgumentNullException.ThrowIfNull(inverseGram);
        var d = BanditFeatures.Length;
        if (theta.Count != d || inverseGram.Count != d * d)
        {
            throw new ArgumentException($"A bandit over {d} features needs {d} weights and a {d}x{d} inverse Gram matrix; got {theta.Count} and {inverseGram.Count}.");
        }

        if (!(alpha >= 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The exploration weight must be a finite non-negative number.");
        }

        _theta = [.. theta];
        _inverseGram = [.. inverseGram];
        _alpha = alpha;
        foreach (var (category, channel, factor) in calibration ?? [])
        {
            if (!(factor > 0) || double.IsInfinity(factor))
            {
                throw new ArgumentOutOfRangeException(nameof(calibration), factor, $"The calibration factor of {category} on {channel} must be a finite positive number.");
            }

            if (!_factors.TryGetValue(category, out var byChannel))
            {
                _factors[category] = byChannel = [1, 1, 1];
            }

            byChannel[(int)channel] = factor;
        }
    }

    /// <inheritdoc />
    public string Version { get; }

    /// <inheritdoc />
    public double Score(MemberContext member, in Candidate candidate, OpportunityKind kind, DateTimeOffset now)
    {
        Span<double> x = stackalloc double[BanditFeatures.Length];
        BanditFeatures.Write(member, candidate, kind, now, x);
        return Math.Clamp((Mean(x) * Factor(candidate)) + (_alpha * Math.Sqrt(Math.Max(0, Uncertainty(x)))), 0, 1);
    }

    /// <summary>The predicted chance of engagement, without the exploration bonus.</summary>
    public double PredictEngagement(MemberContext member, in Candidate candidate, OpportunityKind kind, DateTimeOffset now)
    {
        Span<double> x = stackalloc double[BanditFeatures.Length];
        BanditFeatures.Write(member, candidate, kind, now, x);
        return Math.Clamp(Mean(x) * Factor(candidate), 0, 1);
    }

    private double Factor(in Candidate candidate) =>
        _factors.TryGetValue(candidate.Category, out var byChannel) ? byChannel[(int)candidate.Channel] : 1;

    private double Mean(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += _theta[i] * x[i];
        }

        return sum;
    }

    // x' A^-1 x, skipping the zeros of the one-hot parts.
    private double Uncertainty(ReadOnlySpan<double> x)
    {
        var d = x.Length;
        var sum = 0.0;
        for (var i = 0; i < d; i++)
        {
            if (x[i] == 0) continue;
            var row = 0.0;
            for (var j = 0; j < d; j++)
            {
                row += _inverseGram[(i * d) + j] * x[j];
            }

            sum += x[i] * row;
        }

        return sum;
    }
}
