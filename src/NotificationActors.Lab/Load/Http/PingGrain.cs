namespace NotificationActors.Lab.Load.Http;

/// <summary>Returns at once: no policy, no state write.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    public ValueTask<int> Ping(int candidates) => ValueTask.FromResult(candidates);
}
