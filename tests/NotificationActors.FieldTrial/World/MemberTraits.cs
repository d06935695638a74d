namespace NotificationActors.FieldTrial.World;

/// <summary>A member's hidden nature, fixed for the trial; every policy's copy of the member shares it.</summary>
/// <param name="Index">The member's number in the population.</param>
/// <param name="Segment">Casual, regular or heavy.</param>
/// <param name="VisitLogit">Logit of the chance to visit on a day with no habit and no annoyance.</param>
/// <param name="Responsiveness">Multiplies every response chance.</param>
/// <param name="SessionMinutes">Mean minutes of a visit.</param>
/// <param name="Interest">Interest in each category, in (0, 1): a message's appeal.</param>
/// <param name="TenureWeeks">Weeks of membership before the trial (the platform knows it).</param>
/// <param name="PriorEngagedDaysPerWeek">Engaged days a week over the four weeks before the trial (the platform knows it).</param>
internal sealed record MemberTraits(
    int Index,
    Segment Segment,
    double VisitLogit,
    double Responsiveness,
    double SessionMinutes,
    IReadOnlyList<double> Interest,
    int TenureWeeks,
    double PriorEngagedDaysPerWeek);
