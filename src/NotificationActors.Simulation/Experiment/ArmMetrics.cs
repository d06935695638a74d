using NotificationActors.Simulation.Population;

namespace NotificationActors.Simulation.Experiment;

/// <summary>What an arm achieved, from the world's truth.</summary>
/// <param name="Engagement">Mean engaged days per member-week.</param>
/// <param name="OptOutRate">Share of members who turned off a channel during the run (during the week, for one week).</param>
/// <param name="PushOptOutRate">Share of members who turned push off.</param>
/// <param name="EmailOptOutRate">Share of members who unsubscribed from email.</param>
/// <param name="SendsPerMemberWeek">Messages delivered per member-week, every channel.</param>
/// <param name="PushPerMemberWeek">Pushes delivered per member-week.</param>
/// <param name="EmailPerMemberWeek">Emails delivered per member-week.</param>
/// <param name="InAppPerMemberWeek">In-app messages shown per member-week.</param>
/// <param name="Ctr">Delivered messages clicked through.</param>
/// <param name="OpenRate">Delivered messages opened.</param>
/// <param name="Regret">Engaged days per member-week the truth's best plan would have added over what the arm sent.</param>
/// <param name="GridRegret">The same for the pushes and emails the arm sent, valued without in-app messages, against the best push and email plan without them: comparable with the fixed-plan yardsticks.</param>
public sealed record ArmMetrics(double Engagement, double OptOutRate, double PushOptOutRate, double EmailOptOutRate, double SendsPerMemberWeek,
    double PushPerMemberWeek, double EmailPerMemberWeek, double InAppPerMemberWeek, double Ctr, double OpenRate, double Regret, double GridRegret)
{
    /// <summary>The metrics of arm <paramref name="arm"/> over the cohort and week asked for (all when null).</summary>
    public static ArmMetrics From(ExperimentTally tally, int arm, Cohort? cohort = null, int? week = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        double Sum(ExperimentTally.Count count) => tally.Sum(arm, count, cohort, week);
        static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : 0;
        var (push, email, inApp) = (Sum(ExperimentTally.Count.PushSends), Sum(ExperimentTally.Count.EmailSends), Sum(ExperimentTally.Count.InAppSends));
        var sends = push + email + inApp;
        var (memberWeeks, members) = (Sum(ExperimentTally.Count.MemberWeeks), tally.Members(arm, cohort));
        return new ArmMetrics(
            Ratio(Sum(ExperimentTally.Count.EngagedDays), memberWeeks),
            Ratio(Sum(ExperimentTally.Count.OptOutMembers), members),
            Ratio(Sum(ExperimentTally.Count.PushOptOuts), members),
            Ratio(Sum(ExperimentTally.Count.EmailOptOuts), members),
            Ratio(sends, memberWeeks),
            Ratio(push, memberWeeks),
            Ratio(email, memberWeeks),
            Ratio(inApp, memberWeeks),
            Ratio(Sum(ExperimentTally.Count.Clicks), sends),
            Ratio(Sum(ExperimentTally.Count.Opens), sends),
            Ratio(tally.RegretSum(arm, cohort, week), Sum(ExperimentTally.Count.RegretWeeks)),
            Ratio(tally.GridRegretSum(arm, cohort, week), Sum(ExperimentTally.Count.RegretWeeks)));
    }
}
