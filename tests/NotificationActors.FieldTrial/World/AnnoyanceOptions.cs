using System.ComponentModel.DataAnnotations;

namespace NotificationActors.FieldTrial.World;

/// <summary>The one annoyance every message raises, whatever its channel, and what it does to the member.</summary>
internal sealed record AnnoyanceOptions
{
    /// <summary>Days for annoyance to halve.</summary>
    [Range(0.0, 3650.0, MinimumIsExclusive = true)]
    public double HalfLifeDays { get; init; }

    /// <summary>Each unit of annoyance multiplies a message's chance to be opened by exp(-responseDrag).</summary>
    [Range(0.0, 5.0)]
    public double ResponseDrag { get; init; }

    /// <summary>Each unit of annoyance adds this to the chance an unopened message is dismissed.</summary>
    [Range(0.0, 1.0)]
    public double DismissSlope { get; init; }

    /// <summary>Annoyance above which visits suffer.</summary>
    [Range(0.0, 1000.0)]
    public double VisitDragFrom { get; init; }

    /// <summary>Visit-logit lost per unit of annoyance above <see cref="VisitDragFrom"/>.</summary>
    [Range(0.0, 5.0)]
    public double VisitDrag { get; init; }

    /// <summary>A channel's opt-out hazard per message grows by this share of its base per unit of annoyance.</summary>
    [Range(0.0, 100.0)]
    public double OptOutSlope { get; init; }

    /// <summary>Multiplies a channel's opt-out hazard for every other channel the member has already left.</summary>
    [Range(1.0, 100.0)]
    public double CrossChannel { get; init; }
}
