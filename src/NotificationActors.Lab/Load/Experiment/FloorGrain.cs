using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Members;

namespace NotificationActors.Lab.Load.Experiment;

/// <summary>A member-sized state in the members' own storage, written before the call returns, as a member grain does.</summary>
public sealed class FloorGrain([PersistentState("floor", MemberGrain.StorageName)] IPersistentState<FloorState> state) : Grain, IFloorGrain
{
    public async ValueTask<TrafficReceipt> Apply(MemberTraffic traffic, int stateBytes)
    {
        var decisions = new SendDecision[traffic.Opportunities.Count];
        for (var i = 0; i < decisions.Length; i++)
        {
            decisions[i] = new SendDecision { OpportunityId = traffic.Opportunities[i].OpportunityId, Send = false, Reason = "floor", Propensity = 1, PlanWeek = "", Arm = "floor" };
        }

        if (stateBytes > 0)
        {
            if (state.State.Payload.Length != stateBytes) state.State.Payload = new byte[stateBytes];
            state.State.Payload[state.State.Calls++ % stateBytes]++;
            await state.WriteStateAsync();
        }

        return new TrafficReceipt { Decisions = decisions, EventsApplied = traffic.Feedback.Count + traffic.Activity.Count };
    }
}
