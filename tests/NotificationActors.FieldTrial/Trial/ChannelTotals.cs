using System.Text.Json.Serialization;

namespace NotificationActors.FieldTrial.Trial;

/// <summary>A count per channel.</summary>
internal sealed record ChannelTotals(long Push, long Email, [property: JsonPropertyName("inapp")] long InApp)
{
    public static ChannelTotals operator +(ChannelTotals a, ChannelTotals b) => new(a.Push + b.Push, a.Email + b.Email, a.InApp + b.InApp);

    public long Total => Push + Email + InApp;
}
