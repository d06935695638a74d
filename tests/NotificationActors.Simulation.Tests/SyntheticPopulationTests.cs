using NotificationActors.Policy.Actions;
using NotificationActors.Simulation.Population;

namespace NotificationActors.Simulation.Tests;

public class SyntheticPopulationTests
{
    private const int Size = 20_000;

    [Fact]
    public void TheSameSeedGivesTheSamePopulation() =>
        Assert.Equal(new SyntheticPopulation(9).Take(500), new SyntheticPopulation(9).Take(500));

    [Fact]
    public void CohortSharesAndOptInsFollowTheOptions()
    {
        var members = new SyntheticPopulation(1).Take(Size).ToList();

        Assert.InRange(Share(m => m.Cohort == Cohort.Casual), PopulationOptions.DefaultCasualShare - 0.02, PopulationOptions.DefaultCasualShare + 0.02);
        Assert.InRange(Share(m => m.Cohort == Cohort.Heavy), PopulationOptions.DefaultHeavyShare - 0.02, PopulationOptions.DefaultHeavyShare + 0.02);
        Assert.InRange(Share(m => m.OptedIn.Contains(Channel.Push)), PopulationOptions.DefaultPushOptInShare - 0.02, PopulationOptions.DefaultPushOptInShare + 0.02);

        double Share(Func<SyntheticMember, bool> predicate) => (double)members.Count(predicate) / Size;
    }

    [Fact]
    public void EveryMemberHasValidFeaturesAndAValidId()
    {
        foreach (var member in new SyntheticPopulation(2).Take(Size))
        {
            Assert.Null(member.Features.FirstInvalidField());
            Assert.Matches("^[A-Za-z0-9._:-]{1,128}$", member.MemberId);
        }
    }

    [Fact]
    public void CohortsAreOrderedByActivity()
    {
        var byCohort = new SyntheticPopulation(3).Take(Size).GroupBy(m => m.Cohort)
            .ToDictionary(g => g.Key, g => g.Average(m => m.Features.EngagedDaysPerWeek));

        Assert.True(byCohort[Cohort.Casual] < byCohort[Cohort.Regular]);
        Assert.True(byCohort[Cohort.Regular] < byCohort[Cohort.Heavy]);
    }

    [Fact]
    public void SharesThatCannotAddUpAreRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticPopulation(1, new PopulationOptions { CasualShare = 0.7, HeavyShare = 0.5 }));

        Assert.Equal(nameof(PopulationOptions.CasualShare), error.ParamName);
    }
}
