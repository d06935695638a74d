namespace NotificationActors.FieldTrial.Silo;

/// <summary>The answer of <c>POST /v1/admin/clock</c>: the silo's simulated time after the move.</summary>
internal sealed record ClockReading(DateTimeOffset Now);
