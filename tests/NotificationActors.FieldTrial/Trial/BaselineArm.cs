using NotificationActors.FieldTrial.Policies;
using NotificationActors.FieldTrial.World;

namespace NotificationActors.FieldTrial.Trial;

/// <summary>A baseline's copy of the world, run by the driver itself: the policy sees what a caller sees (feedback a day late).</summary>
internal sealed class BaselineArm(IBaselinePolicy policy, Population population)
{
    public string Name => policy.Name;

    public IReadOnlyList<Participant> Participants { get; } =
        population.Members.Select(m => new Participant(population.Spawn(m), $"{policy.Name}-{m.Index}")).ToArray();

    public void LiveDay(int day)
    {
        foreach (var participant in Participants)
        {
            participant.TakeYesterday();
            var sends = new List<Send>();
            foreach (var opportunity in population.Opportunities(participant.World.Traits, day))
            {
                if (policy.Choose(opportunity, participant.KnownLeft) is { } message)
                {
                    sends.Add(new Send(opportunity, message));
                }
            }

            participant.Live(day, sends);
        }
    }
}
