namespace NotificationActors.Simulation.Population;

/// <summary>Cohorts as reports, summaries and summary.json name them.</summary>
public static class CohortNames
{
    private static readonly string[] Keys = [.. Enum.GetValues<Cohort>().Select(c => c.ToString().ToLowerInvariant())];

    /// <summary>The cohort's name in lower case: "casual", "regular" or "heavy".</summary>
    public static string Key(this Cohort cohort) => Keys[(int)cohort];
}
