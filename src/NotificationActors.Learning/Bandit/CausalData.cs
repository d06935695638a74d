using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Contracts;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Time;

namespace NotificationActors.Learning.Bandit;

/// <summary>
/// The pacing coins' randomised sends and holds as the causal ranker learns from them. Each decision whose coins had a
/// chance p strictly between 0 and 1 of letting a message out concerns the best candidate they weighed: a control when
/// they held it back (weight 1/(1-p)), a treatment when it went out (weight 1 over the chance it did, its channel's coin
/// times the ranking's choice); a send of a lesser candidate, whose better rival's channel was held, is neither. The
/// outcome is the member's engaged days over the decision's day and the next (<see cref="HorizonDays"/>). Training
/// members add to the weighted least-squares statistics of an S-learner's design u = (x_base, s x) over
/// <see cref="CausalFeatures"/> (the outcome without a message fitted on the first
/// <see cref="CausalFeatures.BaseLength"/> features); held-out members' decisions are kept whole for the calibration
/// per intent and channel. Memory stays O(d^2) for training however many weeks are read.
/// </summary>
internal sealed class CausalData
{
    /// <summary>Days the outcome counts: the decision's and the next, both inside the week the record keeps.</summary>
    public const int HorizonDays = 2;

    // Clipped inverse propensities, as in off-policy evaluation: a coin of 1% cannot make one decision weigh 100.
    private const double MaxWeight = 20;

    private const int MaxValidationDecisions = 200_000;

    private static readonly int D = CausalFeatures.Length;
    private static readonly int Base = CausalFeatures.BaseLength;

    private readonly double[] _x = new double[CausalFeatures.Length];
    private readonly int[] _nonZero = new int[CausalFeatures.BaseLength + CausalFeatures.Length];

    /// <summary>Length of the S-learner's design: the base features, then all the features times the treatment.</summary>
    public static int DesignLength => Base + D;

    /// <summary>sum over training decisions of w u u' (row-major) for the design u = (x_base, s x).</summary>
    public double[] Gram { get; } = new double[DesignLength * DesignLength];

    /// <summary>sum over training decisions of w y u.</summary>
    public double[] Moment { get; } = new double[DesignLength];

    public int TrainSends { get; private set; }

    public int TrainHolds { get; private set; }

    public List<HeldOutDecision> Validation { get; } = [];

    /// <summary>The decisions of several reads as one.</summary>
    public static CausalData Sum(IEnumerable<CausalData> parts)
    {
        var sum = new CausalData();
        foreach (var part in parts)
        {
            for (var i = 0; i < sum.Gram.Length; i++) sum.Gram[i] += part.Gram[i];
            for (var i = 0; i < sum.Moment.Length; i++) sum.Moment[i] += part.Moment[i];
            (sum.TrainSends, sum.TrainHolds) = (sum.TrainSends + part.TrainSends, sum.TrainHolds + part.TrainHolds);
            sum.Validation.AddRange(part.Validation.Take(MaxValidationDecisions - sum.Validation.Count));
        }

        return sum;
    }

    public void Add(MemberWeekRecord record, bool validation)
    {
        // Records from before the engaged days were kept by day have no outcome to learn from.
        if (record.EngagedDayMask is not { } mask || !IsoWeek.TryParse(record.Week, out var week)) return;
        var engagedDaysPerWeek = record.Features.GetValueOrDefault("engagedDaysPerWeek");
        foreach (var decision in record.Decisions)
        {
            if (decision.SendProbability is not (> 0 and < 1) || decision.Category is null) continue;
            var channel = decision.Send ? decision.Channel : decision.HeldChannel;
            if (channel is null) continue;
            var day = (int)Math.Floor((decision.Time - week.Start).TotalDays);
            if (day < 0 || day + HorizonDays > 7) continue;

            // A send compares with a hold only when it sent the candidate the hold would have held back.
            if (decision.Send && decision.BestSendProbability is not > 0) continue;
            var weight = Math.Min(MaxWeight, decision.Send ? 1 / decision.BestSendProbability!.Value : 1 / (1 - decision.SendProbability.Value));
            var outcome = (double)System.Numerics.BitOperations.PopCount((uint)(mask >> day) & ((1u << HorizonDays) - 1));
            CausalFeatures.Write(decision.Relevance ?? double.NaN, channel.Value.ToPolicy(), decision.Kind.ToPolicy(),
                decision.HoursSinceCategory is { } rest ? TimeSpan.FromHours(rest) : null,
                decision.HoursToExpiry is { } expiry ? TimeSpan.FromHours(expiry) : null,
                decision.Category, engagedDaysPerWeek, _x);
            if (validation)
            {
                if (Validation.Count < MaxValidationDecisions)
                {
                    Validation.Add(new HeldOutDecision([.. _x.Select(v => (float)v)], decision.Send, weight, outcome, decision.Category, channel.Value.ToPolicy(), record.MemberId));
                }

                continue;
            }

            if (decision.Send) TrainSends++;
            else TrainHolds++;
            Accumulate(decision.Send, weight, outcome);
        }
    }

    // The design is mostly zeros (one-hot channel, kind and category): only its non-zero pairs are added.
    private void Accumulate(bool sent, double weight, double outcome)
    {
        // Design position i holds feature i for i < Base, then feature i - Base times the treatment.
        var count = 0;
        for (var i = 0; i < Base; i++)
        {
            if (_x[i] != 0) _nonZero[count++] = i;
        }

        if (sent)
        {
            for (var i = 0; i < D; i++)
            {
                if (_x[i] != 0) _nonZero[count++] = Base + i;
            }
        }

        var n = DesignLength;
        for (var a = 0; a < count; a++)
        {
            var i = _nonZero[a];
            var ui = Feature(i) * weight;
            Moment[i] += ui * outcome;
            for (var b = 0; b < count; b++)
            {
                var j = _nonZero[b];
                Gram[(i * n) + j] += ui * Feature(j);
            }
        }

        double Feature(int position) => _x[position < Base ? position : position - Base];
    }
}

/// <summary>A held-out randomised decision: its features, whether it sent, its weight and outcome, its cell, and its member (decisions of one member are not independent).</summary>
internal sealed record HeldOutDecision(float[] X, bool Sent, double Weight, double Outcome, string Category, Channel Channel, string Member);
