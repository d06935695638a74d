using System.Text.Json.Serialization;

namespace NotificationActors.FieldTrial.Report;

/// <summary>A per-channel metric across seeds (sends per member-week, opt-outs per member): in all and per channel.</summary>
internal sealed record ChannelEstimates(Estimate Total, Estimate Push, Estimate Email, [property: JsonPropertyName("inapp")] Estimate InApp);
