using System.Text.Json;
using System.Text.Json.Serialization;
using NotificationActors.FieldTrial.Policies;
using NotificationActors.FieldTrial.Silo;
using NotificationActors.FieldTrial.Trial;
using NotificationActors.FieldTrial.World;

namespace NotificationActors.FieldTrial.Report;

/// <summary>The trial's result (<c>summary.json</c>): the settings, each policy across seeds, the silo's lead over the schedule, the budget audit.</summary>
/// <param name="Members">Members per policy.</param>
/// <param name="Weeks">Weeks simulated.</param>
/// <param name="Seeds">The seeds run.</param>
/// <param name="Silo">Which silo was driven.</param>
/// <param name="ElapsedSeconds">Wall-clock time of the whole trial, silo start included.</param>
/// <param name="Policies">Each policy by name, in report order.</param>
/// <param name="SiloUtilityOverSchedule">The silo's utility less twice-a-week's, seed by seed (the paired difference).</param>
/// <param name="Audit">The silo's budget audit, summed over seeds.</param>
internal sealed record TrialSummary(
    int Members,
    int Weeks,
    IReadOnlyList<int> Seeds,
    string Silo,
    double ElapsedSeconds,
    IReadOnlyDictionary<string, PolicySummary> Policies,
    Estimate SiloUtilityOverSchedule,
    AuditCounts Audit)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static TrialSummary Of(TrialOptions options, IReadOnlyList<SeedResult> runs, string silo, TimeSpan elapsed)
    {
        var policies = new Dictionary<string, PolicySummary>(StringComparer.Ordinal);
        foreach (var (name, _) in runs[0].Policies)
        {
            var results = runs.Select(r => r.Policies.Single(p => p.Policy == name).Result).ToArray();
            var segments = Enum.GetValues<Segment>()
                .Where(s => results.Any(r => r.Segments.ContainsKey(s)))
                .ToDictionary(
                    s => s.ToString().ToLowerInvariant(),
                    s => PolicyEstimate.Of(results.Where(r => r.Segments.ContainsKey(s)).Select(r => r.Segments[s]).ToArray()),
                    StringComparer.Ordinal);
            policies[name] = new PolicySummary(PolicyEstimate.Of(results.Select(r => r.Overall).ToArray()), segments);
        }

        double Utility(SeedResult run, string policy) => run.Policies.Single(p => p.Policy == policy).Result.Overall.Utility;
        return new TrialSummary(
            options.Members,
            options.Weeks,
            runs.Select(r => r.Seed).ToArray(),
            silo,
            Math.Round(elapsed.TotalSeconds, 1),
            policies,
            Estimate.Of(runs.Select(r => Utility(r, SiloArm.Name) - Utility(r, TwiceAWeekPolicy.PolicyName)).ToArray()),
            runs.Select(r => r.Audit).Aggregate(AuditCounts.None, (a, b) => a + b));
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
