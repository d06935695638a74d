namespace NotificationActors.Lab.Load.Members;

/// <summary>One wave of <c>load idle-members</c>: its calls and the heap at each stage after them.</summary>
/// <param name="Writes">The members written.</param>
/// <param name="Reads">The never-created members read.</param>
/// <param name="After">Right after the calls.</param>
/// <param name="Collected">Once no member is active (or the wait gave up).</param>
/// <param name="Expired">Once Orleans' directory cache entries and reminder markers for them expired (or the wait gave up).</param>
/// <param name="Left">Members still active when the wait for collection ended.</param>
/// <param name="Lingering">Orleans' entries over the start when the wait for their expiry ended.</param>
internal sealed record IdleWave(CallPhase Writes, CallPhase Reads, HeapSnapshot After, HeapSnapshot Collected, HeapSnapshot Expired, int Left, int Lingering);
