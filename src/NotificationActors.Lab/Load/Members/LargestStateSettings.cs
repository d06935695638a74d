namespace NotificationActors.Lab.Load.Members;

/// <summary>What <c>load largest-state</c> was asked for.</summary>
/// <param name="Decisions">Decisions timed on each kind of member; the largest member's week keeps room for them under its cap.</param>
internal sealed record LargestStateSettings(int Decisions);
