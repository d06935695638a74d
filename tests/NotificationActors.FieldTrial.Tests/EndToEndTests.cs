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
    public void The_silo_s_messages_earn_more_than_they_cost()
    {
        // Engaged days less opt-outs above never sending: the bar the silo once failed (it sent every in-app candidate).
        // Beating twice-a-week is the target, measured at full size in the README, not yet met in this world.
        Report();
        var silo = trial.Summary.Policies[SiloArm.Name].Overall.Utility.Mean;
        var never = trial.Summary.Policies[NeverPolicy.PolicyName].Overall.Utility.Mean;

        Assert.True(silo > never, string.Create(CultureInfo.InvariantCulture, $"The silo's utility {silo:0.000} does not beat never sending's {never:0.000}."));
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
