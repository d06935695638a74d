using System.ComponentModel.DataAnnotations;

namespace NotificationActors.FieldTrial.World;

/// <summary>The habit a clicked message builds: a lift of the visit logit with diminishing returns, fading with time.</summary>
internal sealed record HabitOptions
{
    /// <summary>Lift of one click on a member with no habit; it shrinks as the habit nears <see cref="Max"/>.</summary>
    [Range(0.0, 5.0)]
    public double Lift { get; init; }

    /// <summary>The most habit messages can build, in visit-logit units (a lift of 0 turns the habit off).</summary>
    [Range(0.0, 10.0, MinimumIsExclusive = true)]
    public double Max { get; init; }

    /// <summary>Days for the habit to fade to half when no message renews it.</summary>
    [Range(0.0, 3650.0, MinimumIsExclusive = true)]
    public double HalfLifeDays { get; init; }
}
