using NotificationActors.Abstractions.Members;

namespace NotificationActors.Abstractions.Learning;

/// <summary>
/// One member-week of the learning log: what the slow policy saw and chose, what the fast policy did, and what
/// followed. Keyed by member and week, so a retried write lands once. Training and off-policy evaluation read it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MemberWeekRecord
{
    [Id(0)] public required string MemberId { get; init; }
    [Id(1)] public required string Week { get; init; }
    [Id(2)] public required string Arm { get; init; }
    [Id(3)] public required string Policy { get; init; }
    [Id(4)] public required string ModelVersion { get; init; }
    [Id(5)] public int? PlanPush { get; init; }
    [Id(6)] public int? PlanEmail { get; init; }
    [Id(7)] public required string Pacing { get; init; }
    /// <summary>Probability with which the plan's action was chosen.</summary>
    [Id(8)] public required double Propensity { get; init; }
    [Id(9)] public required bool Explored { get; init; }
    [Id(10)] public required IReadOnlyDictionary<string, double> UtilityTerms { get; init; }
    /// <summary>The features the slow policy planned from.</summary>
    [Id(11)] public required IReadOnlyDictionary<string, double> Features { get; init; }
    [Id(12)] public required IReadOnlyList<DecisionRecord> Decisions { get; init; }
    [Id(13)] public required ChannelCountsView Sent { get; init; }
    /// <summary>Feedback counts by "channel.type", e.g. "push.opened".</summary>
    [Id(14)] public required IReadOnlyDictionary<string, int> Outcomes { get; init; }
    /// <summary>Days of the week with activity: the reward of the week's plan.</summary>
    [Id(15)] public required int EngagedDays { get; init; }
    [Id(16)] public required double ActivityMinutes { get; init; }
    /// <summary>Channels the member turned off during the week.</summary>
    [Id(17)] public required IReadOnlyList<MessageChannel> OptedOut { get; init; }

    /// <summary>The plan's in-app cap; null under the baseline policy and in records from before in-app was capped.</summary>
    [Id(18)] public int? PlanInApp { get; init; }

    /// <summary>Which days of the week had activity (bit 0 the week's first day); null in records from before it was kept.</summary>
    [Id(19)] public int? EngagedDayMask { get; init; }

    /// <summary>The member's arm of the ranking layer at the week's close; null under the baseline and in older records.</summary>
    [Id(20)] public string? RankingArm { get; init; }

    /// <summary>
    /// While a version was on trial in the member's arm, whether the other side of its split would have planned the week
    /// differently (push, email or in-app cap); null when none was, and in older records. A trial counts only the members
    /// whose first week's plans differ: for the rest the two versions are the same treatment.
    /// </summary>
    [Id(21)] public bool? TrialPlansDiffer { get; init; }

    /// <summary>
    /// What the plan charged for losing each channel, in engaged days: the configured price or the channel's worth to the
    /// member, whichever was larger (docs/policy.md); null under the baseline and in older records. Kept for analysis: a
    /// version's trial charges opt-outs at the configured prices, whose outcomes spread less (docs/learning.md).
    /// </summary>
    [Id(22)] public OptOutPrices? OptOutPrices { get; init; }
}

/// <summary>A plan's price of an opt-out per channel, in engaged days.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed record OptOutPrices([property: Id(0)] double Push, [property: Id(1)] double Email);
