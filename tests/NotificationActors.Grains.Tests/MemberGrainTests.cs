using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Calibration;
using NotificationActors.Grains.Members;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;
using static NotificationActors.Grains.Tests.Members;

namespace NotificationActors.Grains.Tests;

[Collection(MemberClusterDefinition.Name)]
public sealed class MemberGrainTests(MemberClusterFixture cluster)
{
    private static DateTimeOffset Now => MemberClusterFixture.MemberTime.GetUtcNow();

    private IMemberGrain Member(string id) => cluster.Grains.GetGrain<IMemberGrain>(id);

    // A member the platform has told of: reads never create one.
    private async Task<IMemberGrain> Joined(string id)
    {
        var member = Member(id);
        await member.SetPreferences(new MemberPreferences());
        return member;
    }

    [Fact]
    public async Task ANewMemberHasAPlanForTheCurrentWeekAndItIsSticky()
    {
        var member = await Joined(OnArm("hierarchical"));

        var first = await member.GetPlan();
        var again = await member.GetPlan();

        Assert.Equal(IsoWeek.Containing(Now).ToString(), first.Week);
        Assert.Equal(("hierarchical", "hierarchical", "parametric-1"), (first.Arm, first.Policy, first.ModelVersion));
        Assert.Equivalent(first, again, strict: true);
        Assert.InRange(first.Propensity, 0.0001, 1);
        Assert.Equal(first.Utility.Total, first.Utility.Terms.Values.Sum(), 9);
    }

    [Fact]
    public async Task ABaselineMemberHasNoWeeklyBudgetAndIsDecidedByTheThreshold()
    {
        var member = await Joined(OnArm("baseline"));

        var plan = await member.GetPlan();
        var low = await member.OfferOpportunity(Opportunity("o-low", Now, Message("m-low", relevance: 0.1)));
        var high = await member.OfferOpportunity(Opportunity("o-high", Now, Message("m-high", relevance: 0.95)));

        Assert.Equal(("baseline", (int?)null), (plan.Policy, plan.Push));
        Assert.Equal((false, "below-threshold"), (low.Send, low.Reason));
        Assert.Equal((true, "m-high", "baseline"), (high.Send, high.MessageId, high.Arm));
    }

    [Fact]
    public async Task ASentTitleIsNotSentAgainUntilItLeavesTheFourWeekHistory()
    {
        var member = Member(OnArm("baseline"));
        var title = Message("m-first", relevance: 0.95);

        var first = await member.OfferOpportunity(Opportunity("o-first", Now, title));
        var repeat = await member.OfferOpportunity(Opportunity("o-repeat", Now.AddHours(2), title with { MessageId = "m-repeat" }));
        MemberClusterFixture.Advance(MemberGrainOptions.DefaultHistoryHorizon + TimeSpan.FromDays(1));
        var later = await member.OfferOpportunity(Opportunity("o-later", Now, title with { MessageId = "m-later" }));
        var view = await member.GetMember();

        Assert.Equal((true, false, "no-eligible-candidate", true), (first.Send, repeat.Send, repeat.Reason, later.Send));
        Assert.Equal(["m-later"], view.RecentMessageIds);
        Assert.Equal([title.TitleId!], view.RecentTitleIds);
        Assert.Null(view.RecentDecisions.Single(d => d.OpportunityId == "o-later").HoursSinceCategory);
    }

    [Fact]
    public async Task ReplayingAnOpportunityReturnsTheFirstDecision()
    {
        var member = Member(OnArm("hierarchical"));
        var opportunity = Opportunity("o-1", Now, Message("m-1"), Message("m-2", MessageChannel.Email));

        var first = await member.OfferOpportunity(opportunity);
        var replay = await member.OfferOpportunity(opportunity with { Candidates = [Message("m-other", relevance: 1)] });

        Assert.Equal(first, replay);
        Assert.Single((await member.GetMember()).RecentDecisions);
    }

    [Fact]
    public async Task AnOptOutTakesEffectForTheVeryNextDecision()
    {
        var member = await Joined(OnArm("hierarchical"));
        await member.GetPlan();

        var receipt = await member.RecordFeedback(new FeedbackEvent { EventId = "e-1", Time = Now, Channel = MessageChannel.Push, Type = FeedbackType.OptedOut });
        var replay = await member.RecordFeedback(new FeedbackEvent { EventId = "e-1", Time = Now, Channel = MessageChannel.Push, Type = FeedbackType.OptedOut });
        var decision = await member.OfferOpportunity(Opportunity("o-1", Now, Message("m-1", priority: MessagePriorityLevel.Transactional)));

        Assert.Equal((true, false), (receipt.Applied, replay.Applied));
        Assert.Equal((false, "opted-out"), (decision.Send, decision.Reason));
        Assert.False((await member.GetMember()).Preferences.Channels.Push);
    }

    [Fact]
    public async Task ASendRecordsWhatTheRankerSawAndAnOpenWithinADayMarksItEngagedAndAPlayPlayed()
    {
        var member = Member(OnArm("hierarchical"));
        await member.OfferOpportunity(Opportunity("o-1", Now, Message("m-1", relevance: 0.7, priority: MessagePriorityLevel.Transactional)));
        await member.OfferOpportunity(Opportunity("o-2", Now, Message("m-2", relevance: 0.2, priority: MessagePriorityLevel.Transactional)));
        await member.OfferOpportunity(Opportunity("o-3", Now, Message("m-3", category: "promotions", priority: MessagePriorityLevel.Transactional)));

        await member.RecordFeedback(new FeedbackEvent { EventId = "e-1", Time = Now, MessageId = "m-1", Type = FeedbackType.Opened });
        await member.RecordFeedback(new FeedbackEvent { EventId = "e-2", Time = Now.AddHours(2), MessageId = "m-2", Type = FeedbackType.Played });
        await member.RecordFeedback(new FeedbackEvent { EventId = "e-1p", Time = Now.AddDays(2), MessageId = "m-1", Type = FeedbackType.Played });
        await member.RecordFeedback(new FeedbackEvent { EventId = "e-3", Time = Now, MessageId = "m-3", Type = FeedbackType.Dismissed });

        var decisions = (await member.GetMember()).RecentDecisions.ToDictionary(d => d.MessageId!);
        // A play more than a day after the send is not the send's.
        Assert.Equal((true, false), (decisions["m-1"].Engaged, decisions["m-1"].Played));
        Assert.Equal((true, true), (decisions["m-2"].Engaged, decisions["m-2"].Played));
        Assert.False(decisions["m-3"].Played);
        Assert.Equal(("new-release", 0.7, (double?)null, true), (decisions["m-1"].Category, decisions["m-1"].Relevance, decisions["m-1"].HoursSinceCategory, decisions["m-1"].Engaged));
        Assert.Equal((0.2, (double?)0), (decisions["m-2"].Relevance, decisions["m-2"].HoursSinceCategory));
        Assert.Equal(("promotions", (double?)null, false), (decisions["m-3"].Category, decisions["m-3"].HoursSinceCategory, decisions["m-3"].Engaged));
        Assert.All(decisions.Values, d => Assert.Equal("relevance", d.RankerVersion));
    }

    [Fact]
    public async Task ABaselineDecisionRecordsTheBaselinesOwnRankingNotTheRankingLayers()
    {
        var member = Member(OnArm("baseline"));

        await member.OfferOpportunity(Opportunity("o-1", Now, Message("m-1", relevance: 0.95)));
        var decision = (await member.GetMember()).RecentDecisions.Single(d => d.OpportunityId == "o-1");

        Assert.Equal(((string?)null, "relevance", (double?)null), (decision.RankingArm, decision.RankerVersion, decision.SendProbability));
    }

    [Fact]
    public async Task AnUnsubscribeWithACategoryMutesIt()
    {
        var member = Member(OnArm("hierarchical"));
        await member.RecordFeedback(new FeedbackEvent { EventId = "e-1", Time = Now, Type = FeedbackType.Unsubscribed, Category = "promotions" });

        var decision = await member.OfferOpportunity(Opportunity("o-1", Now, Message("m-1", category: "promotions", priority: MessagePriorityLevel.Transactional)));

        Assert.Equal("no-eligible-candidate", decision.Reason);
    }

    [Fact]
    public async Task QuietHoursHoldInAFarTimeZone()
    {
        var member = Member(OnArm("hierarchical"));
        await member.SetPreferences(new MemberPreferences
        {
            TimeZone = "Pacific/Auckland",
            QuietHours = new QuietWindow { Start = "22:00", End = "08:00" },
        });

        // 14:00 UTC is 03:00 the next day in Auckland (NZDT, UTC+13).
        var night = new DateTimeOffset(Now.UtcDateTime.Date.AddHours(14), TimeSpan.Zero);
        var decision = await member.OfferOpportunity(Opportunity("o-night", night, Message("m-1")));

        Assert.Equal("quiet-hours", decision.Reason);
    }

    [Fact]
    public async Task AWeekOfOpportunitiesNeverExceedsThePlansBudgetOnAnyChannel()
    {
        var member = await Joined(OnArm("hierarchical"));
        var plan = await member.GetPlan();
        var week = IsoWeek.Parse(plan.Week);
        var sent = new Dictionary<MessageChannel, int> { [MessageChannel.Push] = 0, [MessageChannel.Email] = 0, [MessageChannel.InApp] = 0 };

        // 150 opportunities spread over what is left of the week as the clock moves, each offering a push, an email and
        // an in-app message; every third goes in a queued batch of ten, so both paths are held to the budget.
        var step = (week.End - Now) / 151;
        var batch = new List<SendOpportunity>();
        for (var i = 0; i < 150; i++)
        {
            MemberClusterFixture.Advance(step);
            var opportunity = Opportunity($"o-{i}", Now, Message($"p-{i}"), Message($"e-{i}", MessageChannel.Email), Message($"i-{i}", MessageChannel.InApp));
            if (i % 3 == 0)
            {
                batch.Add(opportunity);
                if (batch.Count == 10 || i == 147) await ApplyBatchAsync();
                continue;
            }

            var decision = await member.OfferOpportunity(opportunity);
            if (decision.Send) sent[decision.Channel!.Value]++;
        }

        var after = await member.GetPlan();
        Assert.Equal(plan.Week, after.Week);
        Assert.NotNull(plan.InApp);
        Assert.True(sent[MessageChannel.Push] <= plan.Push, $"{sent[MessageChannel.Push]} pushes over a plan of {plan.Push}");
        Assert.True(sent[MessageChannel.Email] <= plan.Email, $"{sent[MessageChannel.Email]} emails over a plan of {plan.Email}");
        Assert.True(sent[MessageChannel.InApp] <= plan.InApp, $"{sent[MessageChannel.InApp]} in-app messages over a cap of {plan.InApp}");
        Assert.Equal((sent[MessageChannel.Push], sent[MessageChannel.Email], sent[MessageChannel.InApp]), (after.Sent.Push, after.Sent.Email, after.Sent.InApp));

        async Task ApplyBatchAsync()
        {
            foreach (var decision in (await member.ApplyTraffic(new MemberTraffic { Opportunities = [.. batch] })).Decisions)
            {
                if (decision.Send) sent[decision.Channel!.Value]++;
            }

            batch.Clear();
        }
    }

    [Fact]
    public async Task ARunOfDismissalsCutsWhatIsLeftOfTheWeeksBudgetsAndNeverRaisesThem()
    {
        var member = Member(OnArm("hierarchical"));
        await member.SetFeatures(new Dictionary<string, double> { ["engagedDaysPerWeek"] = 1.5, ["tenureWeeks"] = 60 });
        var plan = await member.GetPlan();

        for (var i = 0; i < MemberGrainOptions.DefaultStrongDismissals; i++)
        {
            await member.RecordFeedback(new FeedbackEvent { EventId = $"d-{i}", Time = Now, Channel = MessageChannel.Push, Type = FeedbackType.Dismissed });
        }

        var after = await member.GetPlan();
        Assert.True(plan.Push + plan.Email + plan.InApp > 0, "a casual viewer's first plan sends something");
        Assert.True(after.Push <= plan.Push && after.Email <= plan.Email && after.InApp <= plan.InApp, $"before {plan.Push}/{plan.Email}/{plan.InApp}, after {after.Push}/{after.Email}/{after.InApp}");
        Assert.True(after.Push + after.Email + after.InApp < plan.Push + plan.Email + plan.InApp);
        Assert.Equal((plan.Week, plan.Propensity), (after.Week, after.Propensity));
    }

    [Fact]
    public async Task ARiseInThePopulationsOptOutsCutsWhatIsLeftOfAPlansBudgetsFromTheDayPlansCanReadIt()
    {
        if (IsoWeek.Containing(Now).End - Now < TimeSpan.FromDays(2))
        {
            MemberClusterFixture.Advance(IsoWeek.Containing(Now).End - Now + TimeSpan.FromHours(9));
        }

        var member = Member(OnArm("hierarchical"));
        await member.SetFeatures(new Dictionary<string, double> { ["engagedDaysPerWeek"] = 1.5, ["tenureWeeks"] = 60 });
        var plan = await member.GetPlan();
        var today = DateOnly.FromDateTime(Now.UtcDateTime);

        // Yesterday the plan's model saw a thousand times the opt-outs it predicted; plans read a day from two days on.
        await CalibrationGrains.For(cluster.Grains, CalibrationGrains.Key(plan.Arm, plan.ModelVersion))
            .Add(new Dictionary<DateOnly, OptOutTally> { [today.AddDays(-1)] = new(1000, 1.0, 1000, 1000, 1.0, 1000) });
        var sameDay = await member.GetPlan();
        MemberClusterFixture.Advance(TimeSpan.FromDays(1));
        var nextDay = await member.GetPlan();

        Assert.True(plan.Push + plan.Email > 0, "a casual viewer's first plan sends something");
        Assert.Equal((plan.Push, plan.Email, plan.OptOutScale), (sameDay.Push, sameDay.Email, sameDay.OptOutScale));
        Assert.Equal((OptOutScaledModel.MaxScale, OptOutScaledModel.MaxScale), (nextDay.OptOutScale!.Push, nextDay.OptOutScale.Email));
        Assert.True(nextDay.Push <= plan.Push && nextDay.Email <= plan.Email, $"before {plan.Push}/{plan.Email}, after {nextDay.Push}/{nextDay.Email}");
        Assert.True(nextDay.Push + nextDay.Email < plan.Push + plan.Email);
        Assert.Equal((plan.Week, plan.Propensity), (nextDay.Week, nextDay.Propensity));
    }

    [Fact]
    public async Task AnOptOutOfPushLeavesNoPushBudgetAndNeverRaisesTheOthers()
    {
        var member = Member(OnArm("hierarchical"));
        await member.SetFeatures(new Dictionary<string, double> { ["engagedDaysPerWeek"] = 1.5, ["tenureWeeks"] = 60 });
        var plan = await member.GetPlan();

        await member.RecordFeedback(new FeedbackEvent { EventId = "o-1", Time = Now, Channel = MessageChannel.Push, Type = FeedbackType.OptedOut });
        var after = await member.GetPlan();

        Assert.Equal(0, after.Push);
        Assert.True(after.Email <= plan.Email && after.InApp <= plan.InApp, $"before {plan.Email}/{plan.InApp}, after {after.Email}/{after.InApp}");
    }

    [Fact]
    public async Task ActivityIsFoldedIntoEngagedDaysOncePerEvent()
    {
        var member = Member(OnArm("hierarchical"));

        await member.RecordActivity(new ActivityEvent { EventId = "a-1", Time = Now, Type = ActivityType.Session, Minutes = 30 });
        var replay = await member.RecordActivity(new ActivityEvent { EventId = "a-1", Time = Now, Type = ActivityType.Session, Minutes = 30 });
        await member.RecordActivity(new ActivityEvent { EventId = "a-2", Time = Now.AddMinutes(5), Type = ActivityType.Play, Minutes = 90 });

        Assert.False(replay.Applied);
        Assert.Equal(1, (await member.GetMember()).EngagedDaysThisWeek);
    }

    [Fact]
    public async Task InvalidRequestsAreRefusedAndChangeNothing()
    {
        var member = await Joined(OnArm("hierarchical"));
        var before = await member.GetMember();

        var duplicate = await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.OfferOpportunity(Opportunity("o-1", Now, Message("dup"), Message("dup"))));
        var zone = await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.SetPreferences(new MemberPreferences { TimeZone = "Mars/Olympus_Mons" }));

        Assert.Equal((MemberRefusal.Invalid, MemberRefusal.Invalid), (duplicate.Refusal, zone.Refusal));
        Assert.Equal(["candidates[1].messageId"], duplicate.Errors.Keys);
        Assert.Equal(["timeZone"], zone.Errors.Keys);

        var after = await member.GetMember();
        Assert.Equal(before.Preferences, after.Preferences);
        Assert.Empty(after.RecentDecisions);
    }

    [Fact]
    public async Task ATrafficBatchDecidesAndRecordsAsTheSingleCallsWould()
    {
        // The same traffic through single calls to one member and as one batch to another: the opt-out comes first,
        // so every email is refused, and transactional pushes bypass the plan, so neither member's plan matters.
        var single = Member(OnArm("hierarchical"));
        var batched = Member(OnArm("hierarchical"));
        var feedback = new FeedbackEvent { EventId = "e-1", Time = Now, Channel = MessageChannel.Email, Type = FeedbackType.OptedOut };
        var activity = new ActivityEvent { EventId = "a-1", Time = Now, Type = ActivityType.Session, Minutes = 20 };
        var opportunities = Enumerable.Range(0, 6)
            .Select(i => Opportunity($"o-{i}", Now.AddMinutes(i), Message($"p-{i}", relevance: 0.9, priority: MessagePriorityLevel.Transactional), Message($"e-{i}", MessageChannel.Email, relevance: 0.9)))
            .ToArray();

        await single.RecordFeedback(feedback);
        await single.RecordActivity(activity);
        var singly = new List<SendDecision>();
        foreach (var opportunity in opportunities) singly.Add(await single.OfferOpportunity(opportunity));
        var receipt = await batched.ApplyTraffic(new MemberTraffic { Feedback = [feedback], Activity = [activity], Opportunities = opportunities });

        Assert.Equal(2, receipt.EventsApplied);
        Assert.Equal(singly.Select(d => (d.Send, d.MessageId, d.Reason)), receipt.Decisions.Select(d => (d.Send, d.MessageId, d.Reason)));
        Assert.DoesNotContain(receipt.Decisions, d => d.Channel == MessageChannel.Email);
        var (one, other) = (await single.GetMember(), await batched.GetMember());
        Assert.Equal((one.EngagedDaysThisWeek, one.Preferences, one.Plan.Sent), (other.EngagedDaysThisWeek, other.Preferences, other.Plan.Sent));
        Assert.Equal(one.OutcomesThisWeek, other.OutcomesThisWeek);
    }

    [Fact]
    public async Task ReplayingATrafficBatchReturnsTheFirstDecisionsAndAppliesNothing()
    {
        var member = Member(OnArm("hierarchical"));
        var traffic = new MemberTraffic
        {
            Activity = [new ActivityEvent { EventId = "a-1", Time = Now, Type = ActivityType.Play, Minutes = 45 }],
            Opportunities = [Opportunity("o-1", Now, Message("m-1", priority: MessagePriorityLevel.Transactional)), Opportunity("o-2", Now, Message("m-2"))],
        };

        var first = await member.ApplyTraffic(traffic);
        var replay = await member.ApplyTraffic(traffic);

        Assert.Equal((1, 0), (first.EventsApplied, replay.EventsApplied));
        Assert.Equal(first.Decisions, replay.Decisions);
        Assert.Equal(2, (await member.GetMember()).RecentDecisions.Count);
    }

    [Fact]
    public async Task ATrafficBatchWithOneBadItemIsRefusedWholeAndNamesTheItem()
    {
        var member = await Joined(OnArm("hierarchical"));
        var before = await member.GetMember();
        var traffic = new MemberTraffic
        {
            Feedback = [new FeedbackEvent { EventId = "e-1", Time = Now, Channel = MessageChannel.Push, Type = FeedbackType.OptedOut }],
            Opportunities = [Opportunity("o-1", Now, Message("m-1")), Opportunity("o-2", Now, Message("dup"), Message("dup"))],
        };

        var refused = await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.ApplyTraffic(traffic));

        Assert.Equal(["opportunities[1].candidates[1].messageId"], refused.Errors.Keys);
        Assert.Contains("opportunities[1].candidates[1].messageId", refused.Message, StringComparison.Ordinal);
        var after = await member.GetMember();
        Assert.Equal(before.Preferences, after.Preferences);
        Assert.Empty(after.RecentDecisions);
        Assert.Empty(after.OutcomesThisWeek);
    }

    [Fact]
    public async Task ForgettingAMemberDeletesItsStateAndLog()
    {
        var id = OnArm("hierarchical");
        var member = Member(id);
        await member.SetFeatures(new Dictionary<string, double> { ["tenureWeeks"] = 40 });

        await member.Forget();

        var gone = await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await cluster.Grains.GetGrain<IMemberGrain>(id).GetMember());
        Assert.Equal(MemberRefusal.UnknownMember, gone.Refusal);
        Assert.DoesNotContain(await ToListAsync(cluster.Log.ReadAsync()), r => r.MemberId == id);
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items) list.Add(item);
        return list;
    }
}
