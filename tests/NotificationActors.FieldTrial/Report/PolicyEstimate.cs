using NotificationActors.FieldTrial.Trial;

namespace NotificationActors.FieldTrial.Report;

/// <summary>A policy's metrics over a group of members, across seeds (see <see cref="PolicyMetrics"/>).</summary>
internal sealed record PolicyEstimate(
    double Members,
    Estimate EngagedDaysPerMemberWeek,
    Estimate OptOutsPerMember,
    ChannelEstimates OptOutsByChannel,
    Estimate OptedOutShare,
    ChannelEstimates SendsPerMemberWeek,
    Estimate InAppWastedShare,
    Estimate Utility)
{
    public static PolicyEstimate Of(IReadOnlyCollection<PolicyMetrics> seeds)
    {
        Estimate Of(Func<PolicyMetrics, double> metric) => Estimate.Of(seeds.Select(metric).ToArray());
        return new PolicyEstimate(
            seeds.Average(m => m.Members),
            Of(m => m.EngagedDaysPerMemberWeek),
            Of(m => m.OptOutsPerMember),
            new ChannelEstimates(Of(m => m.OptOuts.Total), Of(m => m.OptOuts.Push), Of(m => m.OptOuts.Email), Of(m => m.OptOuts.InApp)),
            Of(m => m.OptedOutShare),
            new ChannelEstimates(Of(m => m.Sends.Total), Of(m => m.Sends.Push), Of(m => m.Sends.Email), Of(m => m.Sends.InApp)),
            Of(m => m.InAppWastedShare),
            Of(m => m.Utility));
    }
}
