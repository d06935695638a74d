using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Hosting;
using NotificationActors.Grains.Members;
using Orleans.Storage;

namespace NotificationActors.Lab.Load.Experiment;

/// <summary>A member-sized state in the members' own storage, written before the call returns, as a member grain writes its own.</summary>
public sealed class FloorGrain([FromKeyedServices(MemberGrain.StorageName)] IGrainStorage storage, IGrainContext context) : Grain, IFloorGrain
{
    private readonly DirectGrainState<FloorState> _state = new(storage, "floor", context);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => _state.ReadAsync();

    public async ValueTask<TrafficReceipt> Apply(MemberTraffic traffic, int stateBytes)
    {
        var decisions = new SendDecision[traffic.Opportunities.Count];
        for (var i = 0; i < decisions.Length; i++)
        {
            decisions[i] = new SendDecision { OpportunityId = traffic.Opportunities[i].OpportunityId, Send = false, Reason = "floor", Propensity = 1, PlanWeek = "", Arm = "floor" };
        }

        if (stateBytes > 0)
        {
            var state = _state.State;
            if (state.Payload.Length != stateBytes) state.Payload = new byte[stateBytes];
            state.Payload[state.Calls++ % stateBytes]++;
            await _state.WriteAsync();
        }

        return new TrafficReceipt { Decisions = decisions, EventsApplied = traffic.Feedback.Count + traffic.Activity.Count };
    }
}
