using NotificationActors.Policy.Time;

namespace NotificationActors.Grains.Experiments;

/// <summary>
/// Weekly frequencies chosen outside the product, for <see cref="ArmPolicy.Oracle"/> arms: an experiment that knows
/// each member's hidden truth (the simulator) registers one to run the best plan the truth allows beside the policies.
/// </summary>
public interface IPlanOracle
{
    /// <summary>The member's pushes, emails and in-app messages for <paramref name="week"/>.</summary>
    (int Push, int Email, int InApp) Plan(string memberId, IsoWeek week);
}
