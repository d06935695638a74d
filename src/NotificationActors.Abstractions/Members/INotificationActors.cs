namespace NotificationActors.Abstractions.Members;

/// <summary>
/// The member operations of NotificationActors, the same over an Orleans client (the <c>NotificationActors.Client</c>
/// package) and over HTTP (<c>NotificationActors.Client.Http</c>), so a service can switch transports without code
/// changes. Both refuse an invalid member id with a <see cref="MemberRequestRefusedException"/> before any call leaves
/// the process (<see cref="MemberIds"/>).
/// </summary>
public interface INotificationActors
{
    Task<SendDecision> OfferOpportunityAsync(string memberId, SendOpportunity opportunity, CancellationToken cancellationToken = default);

    Task<EventReceipt> RecordFeedbackAsync(string memberId, FeedbackEvent feedback, CancellationToken cancellationToken = default);

    Task<EventReceipt> RecordActivityAsync(string memberId, ActivityEvent activity, CancellationToken cancellationToken = default);

    /// <summary>A member's queued traffic in one call: feedback, then activity, then each opportunity in order; all or nothing.</summary>
    Task<TrafficReceipt> ApplyTrafficAsync(string memberId, MemberTraffic traffic, CancellationToken cancellationToken = default);

    Task<MemberPreferences> SetPreferencesAsync(string memberId, MemberPreferences preferences, CancellationToken cancellationToken = default);

    Task SetFeaturesAsync(string memberId, IReadOnlyDictionary<string, double> features, CancellationToken cancellationToken = default);

    Task<PlanView> GetPlanAsync(string memberId, CancellationToken cancellationToken = default);

    Task<PlanView> ReplanAsync(string memberId, CancellationToken cancellationToken = default);

    Task<MemberView> GetMemberAsync(string memberId, CancellationToken cancellationToken = default);

    Task ForgetAsync(string memberId, CancellationToken cancellationToken = default);
}
