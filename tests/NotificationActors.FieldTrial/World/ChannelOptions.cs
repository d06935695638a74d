using System.ComponentModel.DataAnnotations;

namespace NotificationActors.FieldTrial.World;

/// <summary>One channel's messages: what each costs in annoyance and how members respond to it.</summary>
internal sealed record ChannelOptions
{
    /// <summary>Annoyance one message adds (an in-app message only when it is seen).</summary>
    [Range(0.0, 10.0)]
    public double Annoyance { get; init; }

    /// <summary>Chance to open a message of interest 0.5, before responsiveness and annoyance.</summary>
    [Range(0.0, 1.0)]
    public double Response { get; init; }

    /// <summary>Chance to click an opened message; a click brings the member in.</summary>
    [Range(0.0, 1.0)]
    public double Click { get; init; }

    /// <summary>Chance to play the title after a click.</summary>
    [Range(0.0, 1.0)]
    public double Play { get; init; }

    /// <summary>Chance to dismiss a message not opened, with no annoyance.</summary>
    [Range(0.0, 1.0)]
    public double Dismiss { get; init; }

    /// <summary>Chance that one message makes the member leave the channel, with no annoyance.</summary>
    [Range(0.0, 0.5)]
    public double OptOut { get; init; }
}
