namespace NotificationActors.Grains.Experiments;

/// <summary>What a ranking arm ranks a send opportunity's candidates by.</summary>
public enum RankerKind
{
    /// <summary>
    /// The chance a sent message is opened, clicked or played within a day: the served version's contextual bandit,
    /// or the caller's relevance until a version has one.
    /// </summary>
    Engagement,

    /// <summary>
    /// The effect of sending the message now on the member's engaged days (sent against held back on the pacing coins),
    /// calibrated per intent and channel; a candidate whose effect is below zero is not sent unless transactional. Until
    /// a version has a causal ranker it ranks as <see cref="Engagement"/> does, and its decisions record that ranker's version.
    /// </summary>
    Causal,
}
