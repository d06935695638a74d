namespace NotificationActors.FieldTrial.World;

/// <summary>A day's visit: when it started (since 00:00 UTC of day 0), how long it lasted, and whether a title was played.</summary>
internal sealed record Visit(TimeSpan At, double Minutes, bool Played);
