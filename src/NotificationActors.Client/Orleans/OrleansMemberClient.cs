using NotificationActors.Abstractions.Members;

namespace NotificationActors.Client.Orleans;

/// <summary>
/// <see cref="INotificationActors"/> over an Orleans cluster client: each call goes straight to the member's grain
/// through a gateway, with no HTTP hop. The grain validates every request and refuses bad ones with a
/// <see cref="MemberRequestRefusedException"/> (an <see cref="ArgumentException"/>) saying why and naming the fields.
/// </summary>
internal sealed class OrleansMemberClient(IClusterClient client) : INotificationActors
{
    // Checked here as the routes check it: an id the grain would refuse never reaches a silo.
    private IMemberGrain Member(string memberId)
    {
        MemberIds.ThrowIfInvalid(memberId);
        return client.GetGrain<IMemberGrain>(memberId);
    }

    public async Task<SendDecision> OfferOpportunityAsync(string memberId, SendOpportunity opportunity, CancellationToken cancellationToken = default) =>
        await Member(memberId).OfferOpportunity(opportunity).AsTask().WaitAsync(cancellationToken);

    public async Task<EventReceipt> RecordFeedbackAsync(string memberId, FeedbackEvent feedback, CancellationToken cancellationToken = default) =>
        await Member(memberId).RecordFeedback(feedback).AsTask().WaitAsync(cancellationToken);

    public async Task<EventReceipt> RecordActivityAsync(string memberId, ActivityEvent activity, CancellationToken cancellationToken = default) =>
        await Member(memberId).RecordActivity(activity).AsTask().WaitAsync(cancellationToken);

    public async Task<TrafficReceipt> ApplyTrafficAsync(string memberId, MemberTraffic traffic, CancellationToken cancellationToken = default) =>
        await Member(memberId).ApplyTraffic(traffic).AsTask().WaitAsync(cancellationToken);

    public async Task<MemberPreferences> SetPreferencesAsync(string memberId, MemberPreferences preferences, CancellationToken cancellationToken = default) =>
        await Member(memberId).SetPreferences(preferences).AsTask().WaitAsync(cancellationToken);

    public async Task SetFeaturesAsync(string memberId, IReadOnlyDictionary<string, double> features, CancellationToken cancellationToken = default) =>
        await Member(memberId).SetFeatures(features).AsTask().WaitAsync(cancellationToken);

    public async Task<PlanView> GetPlanAsync(string memberId, CancellationToken cancellationToken = default) =>
        await Member(memberId).GetPlan().AsTask().WaitAsync(cancellationToken);

    public async Task<PlanView> ReplanAsync(string memberId, CancellationToken cancellationToken = default) =>
        await Member(memberId).Replan().AsTask().WaitAsync(cancellationToken);

    public async Task<MemberView> GetMemberAsync(string memberId, CancellationToken cancellationToken = default) =>
        await Member(memberId).GetMember().AsTask().WaitAsync(cancellationToken);

    public async Task ForgetAsync(string memberId, CancellationToken cancellationToken = default) =>
        await Member(memberId).Forget().AsTask().WaitAsync(cancellationToken);
}
