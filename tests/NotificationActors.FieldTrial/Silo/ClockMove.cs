namespace NotificationActors.FieldTrial.Silo;

/// <summary>The body of <c>POST /v1/admin/clock</c>: an ISO 8601 duration to move by, or a time to move to.</summary>
internal sealed record ClockMove(string? AdvanceBy = null, DateTimeOffset? To = null);
