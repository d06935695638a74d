namespace NotificationActors.Policy.Actions;

/// <summary>Membership tests on <see cref="ChannelSet"/> without boxing.</summary>
public static class ChannelSetExtensions
{
    /// <summary>Whether <paramref name="channel"/> is in the set.</summary>
    public static bool Contains(this ChannelSet set, Channel channel) => ((int)set & (1 << (int)channel)) != 0;

    /// <summary>The set with <paramref name="channel"/> added.</summary>
    public static ChannelSet With(this ChannelSet set, Channel channel) => set | (ChannelSet)(1 << (int)channel);

    /// <summary>The set with <paramref name="channel"/> removed.</summary>
    public static ChannelSet Without(this ChannelSet set, Channel channel) => set & ~(ChannelSet)(1 << (int)channel);
}
