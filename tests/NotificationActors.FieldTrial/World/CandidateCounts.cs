using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using NotificationActors.Abstractions.Members;

namespace NotificationActors.FieldTrial.World;

/// <summary>Candidates per channel in one opportunity.</summary>
internal sealed record CandidateCounts
{
    [Range(0, 50)]
    public int Push { get; init; }

    [Range(0, 50)]
    public int Email { get; init; }

    [Range(0, 50)]
    [JsonPropertyName("inapp")]
    public int InApp { get; init; }

    public int For(MessageChannel channel) => channel switch
    {
        MessageChannel.Push => Push,
        MessageChannel.Email => Email,
        _ => InApp,
    };
}
