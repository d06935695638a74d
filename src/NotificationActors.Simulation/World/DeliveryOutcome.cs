using NotificationActors.Abstractions.Members;

namespace NotificationActors.Simulation.World;

/// <summary>What a delivered message did.</summary>
/// <param name="Delivered">False when the channel was already closed (opted out): nothing happened.</param>
/// <param name="Opened">The member opened it.</param>
/// <param name="Clicked">The member clicked through (implies opened).</param>
/// <param name="Played">The member played the title (implies clicked); the day counts as engaged.</param>
/// <param name="Dismissed">The member swiped it away unopened: the fatigue signal the policy can see.</param>
/// <param name="OptedOut">The channel the member turned off on receiving it, closed for good; null if none.</param>
/// <param name="OpenProbability">The true chance it was opened (hidden from the policy; for diagnostics and calibration).</param>
public readonly record struct DeliveryOutcome(bool Delivered, bool Opened, bool Clicked, bool Played, bool Dismissed, MessageChannel? OptedOut, double OpenProbability)
{
    // Delays of the feedback after delivery: opening within minutes, acting right after, so all fall in the same day in practice.
    private static readonly TimeSpan OpenDelay = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ClickDelay = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan PlayDelay = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan DismissDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan OptOutDelay = TimeSpan.FromMinutes(2);

    /// <summary>The day's shared ids, which the feedback's ids come from (none when nothing was delivered).</summary>
    internal DayIds? Ids { get; init; }

    /// <summary>Nothing happened: the channel was closed.</summary>
    public static DeliveryOutcome NotDelivered { get; } = new(false, false, false, false, false, null, 0);

    /// <summary>
    /// The feedback events the platform would report (docs/api.md): delivered, then opened/clicked/played or dismissed,
    /// and opted-out; ids are the message id with the type appended, so replays are idempotent.
    /// </summary>
    public IReadOnlyList<FeedbackEvent> ToFeedback(in OfferedMessage message, DateTimeOffset deliveredAt)
    {
        var events = new List<FeedbackEvent>(4);
        AddFeedback(events, message, deliveredAt);
        return events;
    }

    /// <summary>Adds <see cref="ToFeedback"/>'s events to <paramref name="events"/>, e.g. a caller's queue of unreported ones.</summary>
    public void AddFeedback(List<FeedbackEvent> events, in OfferedMessage message, DateTimeOffset deliveredAt)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!Delivered) return;
        events.Add(Event(message, deliveredAt, TimeSpan.Zero, FeedbackType.Delivered, "delivered"));
        if (Opened) events.Add(Event(message, deliveredAt, OpenDelay, FeedbackType.Opened, "opened"));
        if (Clicked) events.Add(Event(message, deliveredAt, ClickDelay, FeedbackType.Clicked, "clicked"));
        if (Played) events.Add(Event(message, deliveredAt, PlayDelay, FeedbackType.Played, "played"));
        if (Dismissed) events.Add(Event(message, deliveredAt, DismissDelay, FeedbackType.Dismissed, "dismissed"));
        if (OptedOut is not null) events.Add(Event(message, deliveredAt, OptOutDelay, FeedbackType.OptedOut, "opted-out"));
    }

    private FeedbackEvent Event(in OfferedMessage message, DateTimeOffset deliveredAt, TimeSpan delay, FeedbackType type, string suffix) => new()
    {
        EventId = Ids?.Feedback(message.MessageId, suffix) ?? $"{message.MessageId}.{suffix}",
        Time = deliveredAt + delay,
        MessageId = message.MessageId,
        Channel = message.Channel,
        Type = type,
    };
}
