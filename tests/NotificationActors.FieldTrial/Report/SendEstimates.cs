using System.Text.Json.Serialization;

namespace NotificationActors.FieldTrial.Report;

/// <summary>Sends per member-week across seeds: in all and per channel.</summary>
internal sealed record SendEstimates(Estimate Total, Estimate Push, Estimate Email, [property: JsonPropertyName("inapp")] Estimate InApp);
