namespace NotificationActors.Policy.Actions;

/// <summary>A delivery channel. Each has a weekly budget: push and email from the plan's action, in-app from its cap.</summary>
public enum Channel : byte
{
    /// <summary>Mobile push notification.</summary>
    Push = 0,

    /// <summary>Email.</summary>
    Email = 1,

    /// <summary>In-app message, shown only while the member is in the app; capped by the plan's in-app budget.</summary>
    InApp = 2,
}
