namespace NotificationActors.Policy.Slow;

/// <summary>
/// Why a plan was chosen: the utility of each term for the chosen action. Reward terms appear weighted under
/// their model names; <c>messageCost</c> and <c>optOutRisk</c> are negative. The terms sum to <paramref name="Total"/>.
/// </summary>
public sealed record PlanExplanation(double Total, IReadOnlyDictionary<string, double> Terms)
{
    /// <summary>Term name of the universal message cost.</summary>
    public const string MessageCostTerm = "messageCost";

    /// <summary>Term name of the predicted opt-out cost over both channels.</summary>
    public const string OptOutRiskTerm = "optOutRisk";

    /// <summary>Term name of the in-app cap's utility: its engagement less its message cost and the opt-out risk it adds.</summary>
    public const string InAppTerm = "inApp";
}
