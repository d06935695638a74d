using System.Globalization;
using NotificationActors.FieldTrial.Policies;
using NotificationActors.FieldTrial.Report;
using NotificationActors.FieldTrial.Silo;
using Xunit.Abstractions;

namespace NotificationActors.FieldTrial.Tests;

public sealed class EndToEndTests(SmallTrialFixture trial, ITestOutputHelper output) : IClassFixture<SmallTrialFixture>
{
    [Fact]
    public void The_silo_never_sends_past_a_channel_s_weekly_budget()
    {
        Report();
        var audit = trial.Summary.Audit;

        Assert.Equal(120 * 8, audit.MemberWeeks);
        Assert.Equal(0, audit.Violations.Push);
        Assert.Equal(0, audit.Violations.Email);
        Assert.Equal(0, audit.Violations.InApp);
    }

    [Fact]
    public void The_silo_paces_each_member_by_what_messages_can_do_for_them()
    {
        // Unlike a schedule, the silo's plans follow the member: a heavy viewer, with few idle days for messages to win
        // back, gets far fewer than a casual one. Whether that beats the schedule is measured at full size (docs/experiments.md);
        // at 120 members the utilities of the three policies lie within their noise of each other.
        Report();
        var silo = trial.Summary.Policies[SiloArm.Name].Segments;
        var casual = silo["casual"].SendsPerMemberWeek.Total.Mean;
        var heavy = silo["heavy"].SendsPerMemberWeek.Total.Mean;

        Assert.True(heavy < casual / 2, string.Create(CultureInfo.InvariantCulture, $"heavy viewers got {heavy:0.00} messages a week, casual ones {casual:0.00}"));
    }

    [Fact]
    public void The_silo_learns_its_opt_out_prices_from_the_members_without_retraining()
    {
        // The parametric prior prices this world's opt-outs several times too low; the population's opt-outs against
        // its predictions raise the price the plans use within the trial, with no training job.
        Report();
        var weeks = trial.Summary.Audit.OptOutScales;

        Assert.Equal(8, weeks.Count);
        Assert.True(weeks[^1].Mean.Push > 1.5, string.Create(CultureInfo.InvariantCulture, $"the last week's plans priced push opt-outs at {weeks[^1].Mean.Push:0.00} times the model's"));
    }

    [Fact]
    public void Every_policy_is_reported_overall_and_by_segment_and_never_sends_nothing()
    {
        var never = trial.Summary.Policies["never"];

        Assert.Equal(["never", TwiceAWeekPolicy.PolicyName, SiloArm.Name], trial.Summary.Policies.Keys);
        Assert.Equal(0, never.Overall.SendsPerMemberWeek.Total.Mean);
        Assert.Equal(0, never.Overall.OptOutsPerMember.Mean);
        Assert.All(trial.Summary.Policies.Values, p => Assert.Equal(["casual", "regular", "heavy"], p.Segments.Keys));
        Assert.Contains("\"inapp\"", trial.Summary.ToJson(), StringComparison.Ordinal);
        Assert.Contains("<svg", HtmlReport.Render(trial.Summary), StringComparison.Ordinal);
    }

    // The numbers behind the verdicts, in the test output.
    private void Report()
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Trial took {trial.Elapsed.TotalSeconds:0.0} s."));
        output.WriteLine(trial.Summary.ToJson());
    }
}
