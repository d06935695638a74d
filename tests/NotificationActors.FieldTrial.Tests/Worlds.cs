using System.Globalization;
using NotificationActors.Abstractions.Members;
using NotificationActors.FieldTrial.World;

namespace NotificationActors.FieldTrial.Tests;

/// <summary>Test worlds (the defaults with a few fields changed, as a world file changes them) and small helpers.</summary>
internal static class Worlds
{
    /// <summary>Nobody ever leaves a channel.</summary>
    public static WorldOptions WithoutOptOuts => WorldFile.Parse("""
        { "channels": { "push": { "optOut": 0 }, "email": { "optOut": 0 }, "inapp": { "optOut": 0 } } }
        """, "test");

    /// <summary>Every member visits on a day with the given chance, and ignores push and email.</summary>
    public static WorldOptions Visiting(double probability)
    {
        var p = probability.ToString(CultureInfo.InvariantCulture);
        return WorldFile.Parse($$"""
            { "segments": {
                "casual": { "visitProbability": {{p}}, "visitSpread": 0 },
                "regular": { "visitProbability": {{p}}, "visitSpread": 0 },
                "heavy": { "visitProbability": {{p}}, "visitSpread": 0 } },
              "channels": { "push": { "response": 0 }, "email": { "response": 0 } } }
            """, "test");
    }

    /// <summary>The most relevant candidate on <paramref name="channel"/> at <paramref name="opportunity"/>.</summary>
    public static Send BestOn(Opportunity opportunity, MessageChannel channel) =>
        new(opportunity, opportunity.Candidates.Where(c => c.Channel == channel).MaxBy(c => c.Relevance)!);

    /// <summary>An outcome as text, so two outcomes compare by content.</summary>
    public static string Describe(DayOutcome outcome) =>
        $"{outcome.Day}|{outcome.Visit}|{string.Join(";", outcome.Reactions)}|{string.Join(",", outcome.OptedOut)}|{outcome.InAppWasted}";
}
