namespace NotificationActors.Abstractions.Members;

/// <summary>
/// One member of the streaming service: holds the member's weekly pacing plan and counters, decides at each
/// send opportunity within the plan, and learns from feedback and activity. Keyed by member id
/// (1..128 characters of [A-Za-z0-9._:-]). Every call first makes sure the current week has a plan.
/// </summary>
public interface IMemberGrain : IGrainWithStringKey
{
    /// <summary>Decides whether to send now and which candidate. Idempotent by opportunity id: a replay returns the first decision. Returns after the decision is persisted.</summary>
    ValueTask<SendDecision> OfferOpportunity(SendOpportunity opportunity);

    /// <summary>Records what happened to a message. Idempotent by event id; an opt-out applies to the very next decision.</summary>
    ValueTask<EventReceipt> RecordFeedback(FeedbackEvent feedback);

    /// <summary>
    /// Records that the member was active. Idempotent by event id; folded into engaged days of the week it happened
    /// in while that week is still open (activity sent after midnight on Sunday still counts for the week it closes).
    /// </summary>
    ValueTask<EventReceipt> RecordActivity(ActivityEvent activity);

    /// <summary>
    /// Applies a caller's buffered traffic in order, as the single calls would, with one state write: returns after it
    /// is persisted. All or nothing: an invalid item rejects the whole call before anything changes.
    /// </summary>
    ValueTask<TrafficReceipt> ApplyTraffic(MemberTraffic traffic);

    /// <summary>Replaces the member's preferences and returns them as stored.</summary>
    ValueTask<MemberPreferences> SetPreferences(MemberPreferences preferences);

    /// <summary>Replaces the imported features the slow policy plans from; they apply from the next plan.</summary>
    ValueTask SetFeatures(IReadOnlyDictionary<string, double> features);

    /// <summary>The current week's plan (planning it first if needed).</summary>
    ValueTask<PlanView> GetPlan();

    /// <summary>Runs the slow policy now, replacing this week's plan (admin); this week's sends still count.</summary>
    ValueTask<PlanView> Replan();

    /// <summary>Everything stored about the member.</summary>
    ValueTask<MemberView> GetMember();

    /// <summary>Forgets the member: state, reminder and learning-log rows.</summary>
    ValueTask Forget();
}
