using NotificationActors.Abstractions.Learning;

namespace NotificationActors.Abstractions.Members;

/// <summary>The fast policy's answer to a send opportunity (docs/api.md).</summary>
[GenerateSerializer, Immutable]
public sealed record SendDecision
{
    [Id(0)] public required string OpportunityId { get; init; }
    [Id(1)] public required bool Send { get; init; }
    [Id(2)] public string? MessageId { get; init; }
    [Id(3)] public MessageChannel? Channel { get; init; }
    /// <summary>selected, pacing, budget-exhausted, quiet-hours, opted-out, no-eligible-candidate or below-threshold.</summary>
    [Id(4)] public required string Reason { get; init; }
    [Id(5)] public required double Propensity { get; init; }
    [Id(6)] public required string PlanWeek { get; init; }
    /// <summary>The experiment arm whose policy decided.</summary>
    [Id(7)] public required string Arm { get; init; }
}

/// <summary>A plan's utility: the total and each term (docs/api.md).</summary>
[GenerateSerializer, Immutable]
public sealed record UtilityBreakdown
{
    [Id(0)] public double Total { get; init; }
    [Id(1)] public IReadOnlyDictionary<string, double> Terms { get; init; } = new Dictionary<string, double>();
}

/// <summary>Sends per channel this week.</summary>
[GenerateSerializer, Immutable]
public sealed record ChannelCountsView
{
    [Id(0)] public int Push { get; init; }
    [Id(1)] public int Email { get; init; }
    [Id(2), System.Text.Json.Serialization.JsonPropertyName("inapp")] public int InApp { get; init; }
}

/// <summary>The member's plan for the current week (docs/api.md).</summary>
[GenerateSerializer, Immutable]
public sealed record PlanView
{
    [Id(0)] public required string Week { get; init; }
    /// <summary>Pushes allowed this week; null under the baseline policy, which has no weekly plan.</summary>
    [Id(1)] public int? Push { get; init; }
    [Id(2)] public int? Email { get; init; }
    [Id(3)] public required string Pacing { get; init; }
    [Id(4)] public required string ModelVersion { get; init; }
    [Id(5)] public required double Propensity { get; init; }
    /// <summary>hierarchical, baseline or fixed.</summary>
    [Id(6)] public required string Policy { get; init; }
    [Id(7)] public required string Arm { get; init; }
    [Id(8)] public required UtilityBreakdown Utility { get; init; }
    [Id(9)] public required ChannelCountsView Sent { get; init; }
    [Id(10)] public DateTimeOffset PlannedAt { get; init; }
    /// <summary>In-app messages allowed this week (the slow policy's cap); null under the baseline policy.</summary>
    [Id(11), System.Text.Json.Serialization.JsonPropertyName("inapp")] public int? InApp { get; init; }
    /// <summary>
    /// What the model's opt-out probabilities were multiplied by, from the population's opt-outs, when the budgets were
    /// set (at planning, or at a cut within the week when the population's opt-outs rose); null when the calibration is
    /// off or under the baseline.
    /// </summary>
    [Id(12)] public OptOutScaleView? OptOutScale { get; init; }

    /// <summary>
    /// What the plan charges for losing each channel, in engaged days: the configured price or the channel's worth to the
    /// member, whichever is larger; null under the baseline.
    /// </summary>
    [Id(13)] public OptOutPrices? OptOutPrices { get; init; }
}

/// <summary>The opt-out scale per channel a plan priced opt-outs with (1: as the model predicts).</summary>
[GenerateSerializer, Immutable]
public sealed record OptOutScaleView
{
    [Id(0)] public double Push { get; init; }
    [Id(1)] public double Email { get; init; }
}

/// <summary>A past decision, with its reason (explain).</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed record DecisionRecord
{
    [Id(0)] public required string OpportunityId { get; init; }
    [Id(1)] public required DateTimeOffset Time { get; init; }
    [Id(2)] public required OpportunityType Kind { get; init; }
    [Id(3)] public required bool Send { get; init; }
    [Id(4)] public string? MessageId { get; init; }
    [Id(5)] public MessageChannel? Channel { get; init; }
    [Id(6)] public required string Reason { get; init; }
    [Id(7)] public required double Propensity { get; init; }
    [Id(8)] public required string PlanWeek { get; init; }
    [Id(9)] public required string Arm { get; init; }

    /// <summary>
    /// The category of the sent message or, on a pacing hold, of the best candidate the coins held back (what the
    /// fast policy's rankers learn from).
    /// </summary>
    [Id(10)] public string? Category { get; init; }

    /// <summary>That message's relevance as the caller gave it.</summary>
    [Id(11)] public double? Relevance { get; init; }

    /// <summary>Hours since the member's previous message of the category; null when there was none.</summary>
    [Id(12)] public double? HoursSinceCategory { get; init; }

    /// <summary>Hours from the decision to that message's expiry; null when it had none.</summary>
    [Id(13)] public double? HoursToExpiry { get; init; }

    /// <summary>The member opened, clicked or played from the message within a day of the send.</summary>
    [Id(14)] public bool Engaged { get; init; }

    /// <summary>The version of the ranker that scored the candidates ("relevance" when the caller's relevance did).</summary>
    [Id(15)] public string? RankerVersion { get; init; }

    /// <summary>
    /// The chance the pacing coins let a message out at this opportunity; null where no coin was tossed (the
    /// baseline, a transactional message, nothing eligible). A send or pacing hold with it is a randomised treatment.
    /// </summary>
    [Id(16)] public double? SendProbability { get; init; }

    /// <summary>On a pacing hold, the channel of the best candidate held back (<see cref="Category"/> and the rest describe it).</summary>
    [Id(17)] public MessageChannel? HeldChannel { get; init; }

    /// <summary>The member's arm of the ranking layer; null under the baseline, which ranks by its own score.</summary>
    [Id(18)] public string? RankingArm { get; init; }

    /// <summary>The member played a title from the message within a day of the send (one kind of <see cref="Engaged"/>).</summary>
    [Id(19)] public bool Played { get; init; }

    /// <summary>
    /// On a send of the best candidate the coins weighed, the chance it went out (its channel's coin times the ranking's
    /// choice of it); null on every other decision. With a pacing hold of the same best candidate it is a like-for-like
    /// randomised comparison.
    /// </summary>
    [Id(20)] public double? BestSendProbability { get; init; }

    /// <summary>
    /// In a ranker's trial, a send at which the two rankers picked different messages and a fair coin chose whose went
    /// out (<see cref="RankerVersion"/> names it): a unit of the trial, which compares the rankers member against themselves.
    /// </summary>
    [Id(21)] public bool RankerDuel { get; init; }
}

/// <summary>Everything stored about a member (docs/api.md <c>GET /v1/members/{id}</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record MemberView
{
    [Id(0)] public required string MemberId { get; init; }
    [Id(1)] public required MemberPreferences Preferences { get; init; }
    [Id(2)] public required IReadOnlyDictionary<string, double> Features { get; init; }
    [Id(3)] public required PlanView Plan { get; init; }
    [Id(4)] public required IReadOnlyList<DecisionRecord> RecentDecisions { get; init; }
    [Id(5)] public required IReadOnlyList<string> RecentMessageIds { get; init; }
    [Id(6)] public required IReadOnlyList<string> RecentTitleIds { get; init; }
    [Id(7)] public required IReadOnlyDictionary<string, double> DerivedFeatures { get; init; }
    [Id(8)] public required int EngagedDaysThisWeek { get; init; }
    [Id(9)] public required IReadOnlyDictionary<string, int> OutcomesThisWeek { get; init; }
}

/// <summary>Whether a write changed state, for idempotent event endpoints.</summary>
[GenerateSerializer, Immutable]
public sealed record EventReceipt
{
    [Id(0)] public required string EventId { get; init; }
    /// <summary>False when the event id was seen before: the replay changed nothing.</summary>
    [Id(1)] public required bool Applied { get; init; }
}

/// <summary>What a <see cref="MemberTraffic"/> call did: a decision per opportunity, in order, and how many events were new.</summary>
[GenerateSerializer, Immutable]
public sealed record TrafficReceipt
{
    [Id(0)] public required IReadOnlyList<SendDecision> Decisions { get; init; }
    /// <summary>Feedback and activity events applied; the rest were replays of event ids seen before.</summary>
    [Id(1)] public required int EventsApplied { get; init; }
}
