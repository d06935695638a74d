namespace NotificationActors.Policy.Actions;

/// <summary>A set of channels, e.g. the channels a member has opted in to.</summary>
[Flags]
public enum ChannelSet : byte
{
    /// <summary>No channel.</summary>
    None = 0,

    /// <summary>Push.</summary>
    Push = 1 << Channel.Push,

    /// <summary>Email.</summary>
    Email = 1 << Channel.Email,

    /// <summary>In-app.</summary>
    InApp = 1 << Channel.InApp,

    /// <summary>Every channel.</summary>
    All = Push | Email | InApp,
}
