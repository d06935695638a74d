using System.Globalization;

namespace NotificationActors.FieldTrial.World;

/// <summary>
/// The field trial's world (<c>fieldtrial.world.json</c>): who the members are and how they react to messages. Each
/// field's range is declared on it and checked by <see cref="WorldFile"/>; what spans fields is checked here.
/// </summary>
internal sealed record WorldOptions
{
    public required SegmentsOptions Segments { get; init; }

    public required HabitOptions Habit { get; init; }

    public required AnnoyanceOptions Annoyance { get; init; }

    public required ChannelsOptions Channels { get; init; }

    public required InterestOptions Interest { get; init; }

    public required TrafficOptions Traffic { get; init; }

    /// <summary>Problems that no single field's range catches, each naming the fields.</summary>
    public IEnumerable<string> CrossFieldProblems()
    {
        var shares = Segments.Casual.Share + Segments.Regular.Share + Segments.Heavy.Share;
        if (Math.Abs(shares - 1) > 1e-6)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"segments.*.share: the shares add up to {shares}, not 1.");
        }

        foreach (var (name, segment) in Segments.All)
        {
            if (segment.MinTenureWeeks > segment.MaxTenureWeeks)
            {
                yield return $"segments.{name}.minTenureWeeks: {segment.MinTenureWeeks} is above maxTenureWeeks {segment.MaxTenureWeeks}.";
            }
        }

        if (Traffic.EveningHour <= Traffic.MorningHour)
        {
            yield return $"traffic.eveningHour: {Traffic.EveningHour} is not after morningHour {Traffic.MorningHour}.";
        }

        if (Traffic.Candidates.Push + Traffic.Candidates.Email + Traffic.Candidates.InApp == 0)
        {
            yield return "traffic.candidates: an opportunity needs at least one candidate.";
        }
    }
}
