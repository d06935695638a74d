using NotificationActors.Abstractions.Members;
using NotificationActors.FieldTrial.World;

namespace NotificationActors.FieldTrial.Policies;

/// <summary>Never sends: what members do on their own.</summary>
internal sealed class NeverPolicy : IBaselinePolicy
{
    public const string PolicyName = "never";

    public string Name => PolicyName;

    public Candidate? Choose(Opportunity opportunity, IReadOnlySet<MessageChannel> knownLeft) => null;
}
