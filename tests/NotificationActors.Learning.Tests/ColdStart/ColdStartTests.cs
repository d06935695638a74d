using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Tests.Training;
using NotificationActors.Simulation.Learning;

namespace NotificationActors.Learning.Tests.ColdStart;

/// <summary>Cold-start priors learned from established members of each activity cohort, and where new members' plans start.</summary>
public sealed class ColdStartTests(RewardModelTrainingTests.TrainedOnSyntheticLog trained, Xunit.Abstractions.ITestOutputHelper output)
    : IClassFixture<RewardModelTrainingTests.TrainedOnSyntheticLog>
{
    private ColdStartCard ColdStart => trained.Card.ColdStart!;

    [Fact]
    public void EachCohortsPriorsAreItsEstablishedMembersTypicalFeatures()
    {
        // The synthetic world draws open rates independently of activity: uniform on [0.05, 0.40] and [0.02, 0.30].
        Assert.Equal(["casual", "regular", "heavy"], ColdStart.Priors.Select(p => p.Cohort));
        Assert.All(ColdStart.Priors, p => Assert.InRange(p.PushOpenRate, 0.205, 0.245));
        Assert.All(ColdStart.Priors, p => Assert.InRange(p.EmailOpenRate, 0.14, 0.18));
        Assert.InRange(ColdStart.Priors[0].EngagedDaysPerWeek, 0.5, 2);
        Assert.InRange(ColdStart.Priors[1].EngagedDaysPerWeek, 2, 4.5);
        Assert.InRange(ColdStart.Priors[2].EngagedDaysPerWeek, 4.5, 6);
    }

    [Fact]
    public void ANewMemberStartsNearWhereEstablishedMembersLikeItAreAndTheReportFollowsEachCohort()
    {
        foreach (var cohort in ColdStart.Progression.GroupBy(p => p.Cohort))
        {
            var newcomer = cohort.Single(p => p.Stage == "new member (priors)");
            var established = cohort.Single(p => p.Stage == "8+ weeks");
            output.WriteLine($"{cohort.Key}: new {newcomer.Push:F1} / {newcomer.Email:F1}, established {established.Push:F1} / {established.Email:F1} ({established.Members} weeks)");

            // The newcomer is one typical member; the established figure averages many, so they differ by a margin.
            Assert.Equal(5, cohort.Count());
            Assert.True(established.Members > 0);
            Assert.False(newcomer.Push == SyntheticWorld.MaxPush && newcomer.Email == SyntheticWorld.MaxEmail, $"{cohort.Key}: a new member got the maximum plan");
            Assert.InRange(newcomer.Push, established.Push - 2.5, established.Push + 2.5);
            Assert.InRange(newcomer.Email, established.Email - 2.5, established.Email + 2.5);
        }
    }

    [Fact]
    public void AServedVersionGivesNewMembersItsCohortPriors()
    {
        var priors = ModelArtefacts.LoadPriors(trained.Folder);

        Assert.Equal("casual", priors.For(1).Cohort);
        Assert.Equal("heavy", priors.For(6.5).Cohort);
        Assert.Equal(ColdStart.Priors[1], priors.For(3));
    }
}
