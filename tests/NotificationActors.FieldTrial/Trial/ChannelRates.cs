using System.Text.Json.Serialization;

namespace NotificationActors.FieldTrial.Trial;

/// <summary>A rate per channel and their total.</summary>
internal sealed record ChannelRates(double Push, double Email, [property: JsonPropertyName("inapp")] double InApp)
{
    public double Total => Push + Email + InApp;
}
