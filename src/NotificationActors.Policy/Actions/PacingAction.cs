namespace NotificationActors.Policy.Actions;

/// <summary>One slow-policy action: the week's push and email frequencies.</summary>
/// <param name="Index">Position in the <see cref="ActionGrid"/>.</param>
/// <param name="Push">Pushes this week.</param>
/// <param name="Email">Emails this week.</param>
public readonly record struct PacingAction(int Index, int Push, int Email)
{
    /// <summary>Messages the action sends in a week over both planned channels.</summary>
    public int Sends => Push + Email;

    /// <summary>The weekly budget for <paramref name="channel"/>; in-app has none (zero).</summary>
    public int BudgetFor(Channel channel) => channel switch
    {
        Channel.Push => Push,
        Channel.Email => Email,
        _ => 0,
    };
}
