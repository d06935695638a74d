using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Pacing;

namespace NotificationActors.Policy.Fast;

/// <summary>
/// Ranks by the predicted effect of sending a candidate now on the member's engaged days (the day and the next): the
/// treatment part of an S-learner, tau . x over <see cref="CausalFeatures"/>, plus a calibration offset per intent
/// (category) and channel that moves the model toward what the randomised pacing coins measured for that cell. A
/// score below zero means the message is predicted to cost engagement; the fast policy serving this ranker does not
/// send it (<see cref="FastPolicyOptions.MinimumScore"/>).
/// </summary>
public sealed class CausalScorer : ICandidateScorer
{
    private readonly double[] _effect;
    private readonly Dictionary<string, double[]> _offsets = new(StringComparer.Ordinal);

    /// <summary>A scorer from the effect weights (<see cref="CausalFeatures.Length"/>) and the calibration offsets by intent and channel.</summary>
    public CausalScorer(IReadOnlyList<double> effect, IEnumerable<(string Category, Channel Channel, double Offset)>? calibration = null, string version = "causal")
    {
        ArgumentNullException.ThrowIfNull(effect);
        if (effect.Count != CausalFeatures.Length)
        {
            throw new ArgumentException($"A causal ranker over {CausalFeatures.Length} features needs {CausalFeatures.Length} effect weights; got {effect.Count}.", nameof(effect));
        }

        if (effect.Any(w => !double.IsFinite(w)))
        {
            throw new ArgumentException("The causal ranker's effect weights must be finite.", nameof(effect));
        }

        Version = version;
        _effect = [.. effect];
        foreach (var (category, channel, offset) in calibration ?? [])
        {
            if (!double.IsFinite(offset))
            {
                throw new ArgumentOutOfRangeException(nameof(calibration), offset, $"The calibration offset of {category} on {channel} must be finite.");
            }

            if (!_offsets.TryGetValue(category, out var byChannel))
            {
                _offsets[category] = byChannel = new double[3];
            }

            byChannel[(int)channel] = offset;
        }
    }

    /// <inheritdoc />
    public string Version { get; }

    /// <inheritdoc />
    public double Score(MemberContext member, in Candidate candidate, OpportunityKind kind, DateTimeOffset now)
    {
        Span<double> x = stackalloc double[CausalFeatures.Length];
        CausalFeatures.Write(member, candidate, kind, now, x);
        var effect = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            effect += _effect[i] * x[i];
        }

        return effect + (_offsets.TryGetValue(candidate.Category, out var byChannel) ? byChannel[(int)candidate.Channel] : 0);
    }
}
