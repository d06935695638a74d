namespace NotificationActors.Policy.Actions;

/// <summary>A count per channel: a week's budget, or the sends so far.</summary>
public readonly record struct ChannelCounts(int Push, int Email, int InApp)
{
    /// <summary>The count for <paramref name="channel"/>.</summary>
    public int this[Channel channel] => channel switch
    {
        Channel.Push => Push,
        Channel.Email => Email,
        Channel.InApp => InApp,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };

    /// <summary>The counts with one more on <paramref name="channel"/>.</summary>
    public ChannelCounts Increment(Channel channel) => channel switch
    {
        Channel.Push => this with { Push = Push + 1 },
        Channel.Email => this with { Email = Email + 1 },
        Channel.InApp => this with { InApp = InApp + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };
}
