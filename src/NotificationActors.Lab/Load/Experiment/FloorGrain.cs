using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Members;
using Orleans.Storage;

namespace NotificationActors.Lab.Load.Experiment;

/// <summary>
/// A member-sized state in the members' own storage, written before the call returns, as a member grain does: read
/// at activation and written through the provider directly, the member grain's path.
/// </summary>
public sealed class FloorGrain([FromKeyedServices(MemberGrain.StorageName)] IGrainStorage storage) : Grain, IFloorGrain
{
    private const string StateName = "floor";

    private readonly GrainState<FloorState> _state = new(new FloorState());

    public override Task OnActivateAsync(CancellationToken cancellationToken) => storage.ReadStateAsync(StateName, this.GetGrainId(), _state);

    public async ValueTask<TrafficReceipt> Apply(MemberTraffic traffic, int stateBytes)
    {
        var decisions = new SendDecision[traffic.Opportunities.Count];
        for (var i = 0; i < decisions.Length; i++)
        {
            decisions[i] = new SendDecision { OpportunityId = traffic.Opportunities[i].OpportunityId, Send = false, Reason = "floor", Propensity = 1, PlanWeek = "", Arm = "floor" };
        }

        if (stateBytes > 0)
        {
            var state = _state.State ??= new FloorState();
            if (state.Payload.Length != stateBytes) state.Payload = new byte[stateBytes];
            state.Payload[state.Calls++ % stateBytes]++;
            await storage.WriteStateAsync(StateName, this.GetGrainId(), _state);
        }

        return new TrafficReceipt { Decisions = decisions, EventsApplied = traffic.Feedback.Count + traffic.Activity.Count };
    }
}
