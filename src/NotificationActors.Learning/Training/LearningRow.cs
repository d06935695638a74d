using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Training;

/// <summary>One logged member-week reduced to what the models learn from.</summary>
internal struct LearningRow
{
    public MemberFeatures Features;
    public int Push;
    public int Email;

    /// <summary>The week's in-app cap: drawn at random on explored weeks, so its effect is learned with push and email's.</summary>
    public int InApp;

    public int EngagedDays;

    /// <summary>Engaged days in the member's next logged week when it directly follows; -1 when unknown.</summary>
    public int NextWeekEngagedDays;

    /// <summary>Push and email messages of the week the member opened: the engaged-day effect's denser surrogate.</summary>
    public int Opens;

    /// <summary>Push and email messages of the week that led to a play.</summary>
    public int Plays;

    public bool PushOptOut;
    public bool EmailOptOut;

    /// <summary>The week's action was drawn at random (exploration), so its effect is unconfounded.</summary>
    public bool Explored;

    public double Propensity;

    /// <summary>Hash of the member id: splits train from validation by member, so no member is in both.</summary>
    public uint MemberHash;
}
