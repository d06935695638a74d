using NotificationActors.Abstractions.Members;

namespace NotificationActors.Lab.Load.Experiment;

/// <summary>The experiment's floor: a member-day call that carries the same traffic as a member grain's and decides nothing.</summary>
public interface IFloorGrain : IGrainWithStringKey
{
    /// <summary>Declines every opportunity; with <paramref name="stateBytes"/> above zero, first writes a state of that size.</summary>
    ValueTask<TrafficReceipt> Apply(MemberTraffic traffic, int stateBytes);
}
