namespace NotificationActors.Lab.Load.Http;

/// <summary>Orleans' floor: a grain call that does nothing, behind the same endpoint shape as a decision.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    ValueTask<int> Ping(int candidates);
}
