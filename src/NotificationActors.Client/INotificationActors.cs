using NotificationActors.Abstractions.Members;

namespace NotificationActors.Client;

/// <summary>
/// The member operations of NotificationActors, the same over an Orleans client (<see cref="Orleans.OrleansMemberClient"/>)
/// and over HTTP (<see cref="Http.NotificationActorsHttpClient"/>), so a service can switch transports without code changes.
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
