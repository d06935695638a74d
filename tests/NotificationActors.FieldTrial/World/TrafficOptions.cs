using System.ComponentModel.DataAnnotations;

namespace NotificationActors.FieldTrial.World;

/// <summary>The send opportunities callers raise: two a day, each with candidates on every channel.</summary>
internal sealed record TrafficOptions
{
    /// <summary>UTC hour of the morning opportunity (kind daily).</summary>
    [Range(0, 23)]
    public int MorningHour { get; init; }

    /// <summary>UTC hour of the evening opportunity (kind session); after the morning's.</summary>
    [Range(0, 23)]
    public int EveningHour { get; init; }

    /// <summary>Candidates per channel in each opportunity.</summary>
    public required CandidateCounts Candidates { get; init; }

    /// <summary>Titles in each category; a candidate promotes one at random.</summary>
    [Range(1, 100_000)]
    public int TitlesPerCategory { get; init; }

    /// <summary>Standard deviation of the noise between a member's interest and the relevance callers send.</summary>
    [Range(0.0, 1.0)]
    public double RelevanceNoise { get; init; }

    /// <summary>Hours a candidate stays valid after its opportunity.</summary>
    [Range(1, 24 * 14)]
    public int ExpiresAfterHours { get; init; }
}
