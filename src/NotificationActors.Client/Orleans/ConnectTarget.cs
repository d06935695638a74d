namespace NotificationActors.Client.Orleans;

/// <summary>What a starting client tries to reach, and for how long: what its connect error names.</summary>
internal sealed record ConnectTarget(string ClusterId, string Description, TimeSpan Timeout);
