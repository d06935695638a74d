using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Members;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;

namespace NotificationActors.Grains.Tests;

/// <summary>What a member does over weeks moves their next plan: the grain's own rules, without a cluster.</summary>
public sealed class MemberSignalsTests
{
    private static readonly IsoWeek First = IsoWeek.Parse("2026-W40");
    private static readonly SlowPolicy Prior = new(ActionGrid.Default, new ParametricRewardModel(), new SlowPolicyOptions { Exploration = ExplorationMode.Greedy });

    [Fact]
    public void AMemberWhoDismissesEverythingForTwoWeeksGetsASmallerPlanThanOneWhoOpens()
    {
        var dismissing = Casual();
        var opening = Casual();
        for (var w = 0; w < 2; w++)
        {
            WeeklyLearning.Fold(dismissing.Learned, Week(w, ("push.dismissed", 3), ("email.dismissed", 1)), 0, dismissing.ImportedFeatures);
            WeeklyLearning.Fold(opening.Learned, Week(w, ("push.opened", 1), ("email.opened", 1)), 0, opening.ImportedFeatures);
        }

        var afterDismissing = PlanFor(dismissing, 2);
        var afterOpening = PlanFor(opening, 2);

        Assert.True(afterDismissing.Action.Sends + afterDismissing.InApp < afterOpening.Action.Sends + afterOpening.InApp,
            $"dismissing {afterDismissing}, opening {afterOpening}");
    }

    [Fact]
    public void AnOptOutOfPushLowersNextWeeksEmailPlanOnlyByWhatTheModelSaysAndNeverPlansPush()
    {
        var optedOut = Casual();
        var week = Week(0, ("push.opened", 1));
        week.OptedOut.Add(MessageChannel.Push);
        WeeklyLearning.Fold(optedOut.Learned, week, 0, optedOut.ImportedFeatures);
        var features = MemberFeatureBuilder.Build(optedOut, First.Next(), PopulationPriors.Default);
        var workspace = Prior.CreateWorkspace();

        var plan = Prior.Grid[Prior.Evaluate(features, ChannelSet.All.Without(Channel.Push), workspace)];
        var withoutTheSignal = Prior.Grid[Prior.Evaluate(features with { RecentOptOut = 0 }, ChannelSet.All.Without(Channel.Push), Prior.CreateWorkspace())];

        Assert.Equal(1, features.RecentOptOut);
        Assert.Equal(0, plan.Push);
        Assert.True(plan.Email <= withoutTheSignal.Email, $"email {plan.Email} with the opt-out signal, {withoutTheSignal.Email} without");
    }

    [Fact]
    public void TheOptOutSignalFadesWeekByWeek()
    {
        var state = Casual();
        var week = Week(0);
        week.OptedOut.Add(MessageChannel.Email);
        WeeklyLearning.Fold(state.Learned, week, 0, state.ImportedFeatures);
        WeeklyLearning.Fold(state.Learned, Week(1), 0, state.ImportedFeatures);

        Assert.Equal(0.5, MemberFeatureBuilder.Build(state, First.Next().Next(), PopulationPriors.Default).RecentOptOut, 12);
    }

    [Fact]
    public void DaysSinceEngagedCountFromTheLastActivityAndAreCapped()
    {
        var state = Casual();
        state.Learned.LastEngaged = First.Start.AddDays(3);

        Assert.Equal(4, MemberFeatureBuilder.Build(state, First.Next(), PopulationPriors.Default).DaysSinceEngaged, 9);
        Assert.Equal(MemberFeatures.MaxDaysSinceEngaged, MemberFeatureBuilder.Build(state, IsoWeek.Parse("2026-W50"), PopulationPriors.Default).DaysSinceEngaged);
    }

    [Fact]
    public void InAppSendsCountInTheMembersExposure()
    {
        var state = Casual();
        var week = Week(0);
        week.InAppSent = 5;
        WeeklyLearning.Fold(state.Learned, week, 0, state.ImportedFeatures);

        var features = MemberFeatureBuilder.Build(state, First.Next(), PopulationPriors.Default);

        Assert.Equal(0.3 * 5, features.RecentInAppPerWeek, 9);
        Assert.True(features.InAppOpenRate < InAppOptions.DefaultReferenceOpenRate, "five unopened in-app messages lower the in-app open rate");
    }

    [Fact]
    public void AnImportsActivityAndExposureStartTheMembersAveragesWhichTheirOwnWeeksThenMove()
    {
        var state = Casual(("engagedDaysPerWeek", 4), ("recentPushPerWeek", 5), ("recentEmailPerWeek", 2));

        var firstWeek = MemberFeatureBuilder.Build(state, First, PopulationPriors.Default);
        WeeklyLearning.Fold(state.Learned, Week(0), 0, state.ImportedFeatures);
        var secondWeek = MemberFeatureBuilder.Build(state, First.Next(), PopulationPriors.Default);

        Assert.Equal((4.0, 5.0, 2.0), (firstWeek.EngagedDaysPerWeek, firstWeek.RecentPushPerWeek, firstWeek.RecentEmailPerWeek));
        // The closed week (2 engaged days, 3 pushes, 1 email) weighs 0.3 against the import's 0.7, as any later week would.
        Assert.Equal(0.7 * 4 + 0.3 * 2, secondWeek.EngagedDaysPerWeek, 12);
        Assert.Equal(0.7 * 5 + 0.3 * 3, secondWeek.RecentPushPerWeek, 12);
        Assert.Equal(0.7 * 2 + 0.3 * 1, secondWeek.RecentEmailPerWeek, 12);
    }

    [Fact]
    public void AnImportAfterTheMembersFirstWeekClosedLeavesTheirOwnAverages()
    {
        var state = Casual();
        WeeklyLearning.Fold(state.Learned, Week(0), 0, state.ImportedFeatures);
        var own = MemberFeatureBuilder.Build(state, First.Next(), PopulationPriors.Default);
        state.ImportedFeatures = new Dictionary<string, double> { ["engagedDaysPerWeek"] = 6, ["tenureWeeks"] = 60, ["recentPushPerWeek"] = 9 };

        var afterImport = MemberFeatureBuilder.Build(state, First.Next(), PopulationPriors.Default);

        Assert.Equal((own.EngagedDaysPerWeek, own.RecentPushPerWeek), (afterImport.EngagedDaysPerWeek, afterImport.RecentPushPerWeek));
    }

    [Fact]
    public void ReadingTheFeaturesOfAMemberWithNoClosedWeekLeavesTheirStateAsItWas()
    {
        var state = Casual(("recentPushPerWeek", 9));

        MemberFeatureBuilder.Build(state, First, PopulationPriors.Default);

        Assert.Equal((null, 0.0, 0), (state.Learned.EngagedDaysPerWeek, state.Learned.RecentPushPerWeek, state.Learned.WeeksClosed));
    }

    [Theory]
    [InlineData("recentPushPerWeek", -1)]
    [InlineData("recentPushPerWeek", 101)]
    [InlineData("recentEmailPerWeek", double.MaxValue)]
    [InlineData("engagedDaysPerWeek", 8)]
    [InlineData("dismissRate", 1.5)]
    public void AnImportedAverageOutOfRangeIsReadAsIfTheImportLackedIt(string name, double value)
    {
        var withIt = MemberFeatureBuilder.Build(Casual((name, value)), First, PopulationPriors.Default);
        var without = Casual();
        without.ImportedFeatures = without.ImportedFeatures.Where(f => f.Key != name).ToDictionary();

        Assert.Equal(MemberFeatureBuilder.Build(without, First, PopulationPriors.Default), withIt);
    }

    [Fact]
    public void UntilMembersSharesAreMeasuredAnImportedDismissRateIsTheMembersUsual()
    {
        var state = Casual(("dismissRate", 0.3));

        var assumed = MemberFeatureBuilder.Build(state, First, PopulationPriors.Default);
        var measured = MemberFeatureBuilder.Build(state, First, PopulationPriors.Default.WithObservedRates(null, null, 0.15));

        // Against the assumed 10% most imports would read as tiring; against a measured 15% this member's 30% does.
        Assert.Equal((0.3, 0.3), (assumed.DismissRate, assumed.UsualDismissRate));
        Assert.Equal(1, MemberSignals.Receptiveness(assumed), 12);
        Assert.Equal((0.3, 0.15), (measured.DismissRate, measured.UsualDismissRate));
        Assert.True(MemberSignals.Receptiveness(measured) < 1, $"receptiveness {MemberSignals.Receptiveness(measured)}");
    }

    [Fact]
    public void AMemberTheImportSaysDismissesMuchIsPlannedFewerMessagesInTheirFirstWeek()
    {
        var rarely = PlanFor(Casual(("dismissRate", 0.02)), 0);
        var often = PlanFor(Casual(("dismissRate", 0.6)), 0);

        Assert.True(often.Action.Sends + often.InApp < rarely.Action.Sends + rarely.InApp, $"often {often}, rarely {rarely}");
    }

    [Fact]
    public void AMemberThePlatformHasBeenSendingManyPushesIsPlannedFewerInTheirFirstWeek()
    {
        var rested = PlanFor(Casual(("recentPushPerWeek", 0)), 0);
        var pushedDaily = PlanFor(Casual(("recentPushPerWeek", 7)), 0);

        Assert.True(pushedDaily.Action.Push < rested.Action.Push, $"pushed daily {pushedDaily}, rested {rested}");
    }

    private static MemberState Casual(params (string Name, double Value)[] imported)
    {
        var state = Casual();
        var features = new Dictionary<string, double>(state.ImportedFeatures);
        foreach (var (name, value) in imported) features[name] = value;
        state.ImportedFeatures = features;
        return state;
    }

    private static MemberState Casual() => new()
    {
        ImportedFeatures = new Dictionary<string, double> { ["engagedDaysPerWeek"] = 1.5, ["tenureWeeks"] = 60 },
        FirstWeek = First.ToString(),
    };

    // A closed week with the casual plan's sends, two engaged days and the given outcome counts.
    private static WeekState Week(int index, params (string Outcome, int Count)[] outcomes)
    {
        var week = new WeekState { Week = IsoWeekAfter(index).ToString(), PushSent = 3, EmailSent = 1, EngagedDayMask = 0b0100010 };
        foreach (var (outcome, count) in outcomes) week.Outcomes[outcome] = count;
        return week;
    }

    private static IsoWeek IsoWeekAfter(int weeks)
    {
        var week = First;
        for (var i = 0; i < weeks; i++) week = week.Next();
        return week;
    }

    private static (PacingAction Action, int InApp) PlanFor(MemberState state, int weeksLater)
    {
        var features = MemberFeatureBuilder.Build(state, IsoWeekAfter(weeksLater), PopulationPriors.Default);
        var workspace = Prior.CreateWorkspace();
        var action = Prior.Grid[Prior.Evaluate(features, ChannelSet.All, workspace)];
        return (action, Prior.InAppCap(features, action, ChannelSet.All, workspace).Cap);
    }
}
