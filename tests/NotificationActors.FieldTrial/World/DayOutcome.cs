using NotificationActors.Abstractions.Members;

namespace NotificationActors.FieldTrial.World;

/// <summary>What a member's day came to.</summary>
/// <param name="Day">Day of the trial.</param>
/// <param name="Visit">The day's visit, or null: a day with a visit is an engaged day.</param>
/// <param name="Reactions">What the member did with the day's messages, in time order within each message.</param>
/// <param name="OptedOut">Channels the member left today.</param>
/// <param name="InAppWasted">In-app messages sent today that the member never saw (no visit, or the channel already left).</param>
internal sealed record DayOutcome(int Day, Visit? Visit, IReadOnlyList<Reaction> Reactions, IReadOnlyList<MessageChannel> OptedOut, int InAppWasted)
{
    public bool Engaged => Visit is not null;
}
