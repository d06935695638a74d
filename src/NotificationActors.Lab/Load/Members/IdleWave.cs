namespace NotificationActors.Lab.Load.Members;

/// <summary>One wave of <c>load idle-members</c>: the heap at each stage after its calls.</summary>
/// <param name="After">Right after the calls.</param>
/// <param name="Collected">Once no member is active (or the wait gave up).</param>
/// <param name="Expired">Once Orleans' directory cache entries and reminder markers for them expired (or the wait gave up).</param>
/// <param name="Left">Members still active when the wait for collection ended.</param>
/// <param name="Lingering">Orleans' entries over the start when the wait for their expiry ended.</param>
internal sealed record IdleWave(HeapSnapshot After, HeapSnapshot Collected, HeapSnapshot Expired, int Left, int Lingering);
