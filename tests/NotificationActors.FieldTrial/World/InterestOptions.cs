using System.ComponentModel.DataAnnotations;

namespace NotificationActors.FieldTrial.World;

/// <summary>Members' interest in the catalogue's categories: the logistic of a normal draw per member and category.</summary>
internal sealed record InterestOptions
{
    /// <summary>Categories in the catalogue.</summary>
    [Range(1, 100)]
    public int Categories { get; init; }

    /// <summary>Mean of the interest logit.</summary>
    [Range(-10.0, 10.0)]
    public double LogitMean { get; init; }

    /// <summary>Standard deviation of the interest logit.</summary>
    [Range(0.0, 5.0)]
    public double LogitSpread { get; init; }
}
