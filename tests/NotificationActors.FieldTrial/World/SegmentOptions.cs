using System.ComponentModel.DataAnnotations;

namespace NotificationActors.FieldTrial.World;

/// <summary>One segment's members before any message: how often they visit, respond and watch, and their tenure.</summary>
internal sealed record SegmentOptions
{
    /// <summary>Share of members in the segment.</summary>
    [Range(0.0, 1.0)]
    public double Share { get; init; }

    /// <summary>The segment's typical chance of visiting on a day, with no habit lift and no annoyance.</summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true)]
    public double VisitProbability { get; init; }

    /// <summary>Standard deviation of a member's visit logit around the segment's.</summary>
    [Range(0.0, 3.0)]
    public double VisitSpread { get; init; }

    /// <summary>Multiplies every response chance of the segment's members.</summary>
    [Range(0.0, 5.0)]
    public double Responsiveness { get; init; }

    /// <summary>Mean minutes of a visit.</summary>
    [Range(1.0, 600.0)]
    public double SessionMinutes { get; init; }

    /// <summary>Fewest weeks a member has been a member when the trial starts.</summary>
    [Range(0, 2000)]
    public int MinTenureWeeks { get; init; }

    /// <summary>Most weeks a member has been a member when the trial starts.</summary>
    [Range(0, 2000)]
    public int MaxTenureWeeks { get; init; }
}
