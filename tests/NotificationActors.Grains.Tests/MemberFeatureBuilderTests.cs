using NotificationActors.Grains.Members;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;

namespace NotificationActors.Grains.Tests;

public sealed class MemberFeatureBuilderTests
{
    private static readonly PopulationPriors Priors = new()
    {
        Cohorts =
        [
            new CohortPrior { Cohort = "casual", EngagedDaysBelow = 2, EngagedDaysPerWeek = 1, PushOpenRate = 0.3, EmailOpenRate = 0.2, DismissRate = 0.05 },
            new CohortPrior { Cohort = "heavy", EngagedDaysBelow = double.PositiveInfinity, EngagedDaysPerWeek = 5, PushOpenRate = 0.1, EmailOpenRate = 0.1, DismissRate = 0.2 },
        ],
    };

    private static readonly IsoWeek Week = IsoWeek.Parse("2026-W48");

    [Fact]
    public void AMemberWithNoHistoryStartsFromTheCohortItsImportedActivityPutsItIn()
    {
        var casual = MemberFeatureBuilder.Build(new MemberState { ImportedFeatures = new Dictionary<string, double> { ["engagedDaysPerWeek"] = 1.5 } }, Week, Priors);
        var heavy = MemberFeatureBuilder.Build(new MemberState { ImportedFeatures = new Dictionary<string, double> { ["engagedDaysPerWeek"] = 6 } }, Week, Priors);

        Assert.Equal((1.5, 0.3, 0.2, 0.05), (casual.EngagedDaysPerWeek, casual.PushOpenRate, casual.EmailOpenRate, casual.DismissRate));
        Assert.Equal((6, 0.1, 0.2), (heavy.EngagedDaysPerWeek, heavy.PushOpenRate, heavy.DismissRate));
    }

    [Fact]
    public void AMembersDismissalsAreReadAgainstTheirCohortsUsualShare()
    {
        var state = new MemberState { ImportedFeatures = new Dictionary<string, double> { ["engagedDaysPerWeek"] = 6 } };
        state.Learned.PushSends = 20;
        state.Learned.Dismisses = 4;

        var heavy = MemberFeatureBuilder.Build(state, Week, Priors);

        // Heavy viewers dismiss a fifth of what they are sent, and so does this one: only their unopened pushes (a falling
        // open rate) lower their receptiveness, not their dismissals.
        Assert.Equal(0.2, heavy.UsualDismissRate);
        Assert.Equal(0.2, heavy.DismissRate, 9);
        Assert.Equal(1 + (MemberSignals.TrendWeight * heavy.OpenRateTrend), MemberSignals.Receptiveness(heavy), 9);
    }

    [Fact]
    public void AnImportedDismissRateStartsTheMembersOwnAndIsReadAgainstTheirCohortsUsualShare()
    {
        var state = new MemberState { ImportedFeatures = new Dictionary<string, double> { ["engagedDaysPerWeek"] = 6, ["dismissRate"] = 0.4 } };

        var heavy = MemberFeatureBuilder.Build(state, Week, Priors);

        Assert.Equal((0.4, 0.2), (heavy.DismissRate, heavy.UsualDismissRate));
        Assert.True(MemberSignals.Receptiveness(heavy) < 1, $"receptiveness {MemberSignals.Receptiveness(heavy)}");
    }

    [Fact]
    public void ImportedRatesAndTheMembersOwnHistoryOutweighThePriors()
    {
        var state = new MemberState { ImportedFeatures = new Dictionary<string, double> { ["engagedDaysPerWeek"] = 1, ["pushOpenRate"] = 0.5 } };
        state.Learned.PushSends = 80;
        state.Learned.PushOpens = 0;

        var features = MemberFeatureBuilder.Build(state, Week, Priors);

        // Five sends' worth of the imported 0.5 against eighty unopened pushes.
        Assert.Equal(0.5 * 5 / 85, features.PushOpenRate, 9);
    }
}
