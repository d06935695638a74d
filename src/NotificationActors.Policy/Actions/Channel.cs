namespace NotificationActors.Policy.Actions;

/// <summary>A delivery channel. Push and email are paced by the weekly plan; in-app is not.</summary>
public enum Channel : byte
{
    /// <summary>Mobile push notification.</summary>
    Push = 0,

    /// <summary>Email.</summary>
    Email = 1,

    /// <summary>In-app message, shown only while the member is in the app; not budgeted by the plan.</summary>
    InApp = 2,
}
