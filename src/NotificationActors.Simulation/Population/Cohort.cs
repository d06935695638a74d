namespace NotificationActors.Simulation.Population;

/// <summary>How much a member watches (docs/policy.md: casual, regular and heavy viewers).</summary>
public enum Cohort
{
    /// <summary>Fewer than two engaged days a week: the most headroom for messages.</summary>
    Casual,

    /// <summary>Two to about four and a half engaged days a week.</summary>
    Regular,

    /// <summary>Active most days: messages add little.</summary>
    Heavy,
}
