namespace NotificationActors.Grains.Experiments;

/// <summary>
/// One arm of the ranking layer: its share of members and the ranker it serves. The ranking layer is split by its own
/// hash of the member id, independent of the pacing layer's arms (<see cref="ArmOptions"/>), so a pacing comparison
/// and a ranking comparison run at once without confounding each other.
/// </summary>
public sealed class RankingArmOptions
{
    /// <summary>The arm's name, recorded with every decision and learning-log week.</summary>
    public string Name { get; set; } = "engagement";

    /// <summary>Share of members, by a stable hash of the member id salted for the ranking layer; the shares add up to 1.</summary>
    public double Share { get; set; } = 1;

    /// <summary>What the arm ranks candidates by.</summary>
    public RankerKind Ranker { get; set; } = RankerKind.Engagement;
}
