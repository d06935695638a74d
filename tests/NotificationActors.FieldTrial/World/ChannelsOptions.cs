using System.Text.Json.Serialization;
using NotificationActors.Abstractions.Members;

namespace NotificationActors.FieldTrial.World;

/// <summary>How members meet messages on each channel (<c>channels</c>).</summary>
internal sealed record ChannelsOptions
{
    public required ChannelOptions Push { get; init; }

    public required ChannelOptions Email { get; init; }

    [JsonPropertyName("inapp")]
    public required ChannelOptions InApp { get; init; }

    public ChannelOptions For(MessageChannel channel) => channel switch
    {
        MessageChannel.Push => Push,
        MessageChannel.Email => Email,
        _ => InApp,
    };
}
