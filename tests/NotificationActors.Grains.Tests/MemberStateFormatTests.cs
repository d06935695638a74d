using System.Collections;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Hosting;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Members.Format;
using Orleans.Serialization;

namespace NotificationActors.Grains.Tests;

public sealed class MemberStateFormatTests
{
    private static readonly DateTimeOffset At = new(2027, 3, 4, 5, 6, 7, TimeSpan.FromHours(2));

    private static readonly Serializer Orleans = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(MemberState).Assembly).AddAssembly(typeof(DecisionRecord).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void EveryPropertyOfAFullStateSurvivesTheRoundTrip()
    {
        var state = Full();

        var read = MemberStateFormat.Read(MemberStateFormat.Write(state));

        Assert.Equal(Json(state), Json(read));
        Assert.Equal(StringComparer.Ordinal, Assert.IsType<Dictionary<string, double>>(read.ImportedFeatures).Comparer);
        Assert.Equal(StringComparer.Ordinal, read.Week!.Outcomes.Comparer);
    }

    [Fact]
    public void TheFullStateSetsEveryProperty()
    {
        // Guards the layout: a property added to the state without a value here fails, and once it has one the
        // round trip fails until the layout carries it.
        var unset = Unset(Full(), "state").ToList();

        Assert.Empty(unset);
    }

    [Fact]
    public void NullsWhereTheStateAllowsThemSurviveTheRoundTrip()
    {
        var state = Full();
        state.Plan = new PlanState { Week = "2027-W09", Arm = "baseline", Policy = "baseline", Push = null, Email = null, Pacing = "none", ModelVersion = "none" };
        state.Week = null;
        state.Preferences = state.Preferences with { QuietHours = null };
        state.Learned = new LearnedFeatures();
        state.FirstWeek = null;

        var read = MemberStateFormat.Read(MemberStateFormat.Write(state));

        Assert.Equal(Json(state), Json(read));
    }

    [Fact]
    public void ANullWhereTheStateNeedsAValueIsRefusedBeforeAnythingIsWritten()
    {
        var state = Full();
        state.Plan = state.Plan! with { ModelVersion = null! };

        var error = Assert.Throws<InvalidOperationException>(() => MemberStateFormat.Write(state));

        Assert.Contains("Plan.ModelVersion", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStateWrittenAgainWithItsHeadKeptWritesWhatAFreshWriteWould()
    {
        var state = Full();
        var first = MemberStateFormat.Write(state);
        state.Week!.Decisions.Add(Decision("o-9", send: false));

        var again = MemberStateFormat.Write(state);

        Assert.NotNull(state.EncodedHead);
        Assert.NotEqual(first, again);
        Assert.Equal(MemberStateFormat.Write(Copy(state)), again);
        Assert.Equal(Json(state), Json(MemberStateFormat.Read(again)));
    }

    [Fact]
    public void ANewPlanPreferencesOrFeaturesAreWrittenRatherThanTheKeptHead()
    {
        var state = Full();
        MemberStateFormat.Write(state);
        var changes = new Action<MemberState>[]
        {
            s => s.Plan = s.Plan! with { Push = 5, Arm = "arm-c" },
            s => s.Preferences = s.Preferences with { TimeZone = "Asia/Tokyo" },
            s => s.ImportedFeatures = new Dictionary<string, double>(StringComparer.Ordinal) { ["tenureWeeks"] = 13 },
            s => s.Plan = null,
        };

        foreach (var change in changes)
        {
            change(state);
            var written = MemberStateFormat.Write(state);

            Assert.Equal(MemberStateFormat.Write(Copy(state)), written);
            Assert.Equal(Json(state), Json(MemberStateFormat.Read(written)));
        }
    }

    [Fact]
    public void KeptDecisionsAreCopiedOnlyWhileTheListStartsWithTheSameDecisions()
    {
        var state = Full();
        MemberStateFormat.Write(state);
        var changes = new (string Change, Action<MemberState> Apply)[]
        {
            ("a decision added", s => s.Week!.Decisions.Add(Decision("o-9", send: false))),
            ("a send engaged", s => s.Week!.Decisions[0] = s.Week.Decisions[0] with { Engaged = false }),
            ("the tail trimmed and added to", s => s.ReplayTail = [.. s.ReplayTail.Skip(1), Decision("o-10", send: true)]),
            ("a new shared string before the week's decisions", s => s.ReplayTail.Add(Decision("o-12", send: true) with { Category = "new-category" })),
            ("a send", s => s.Sent.Add(new SentMessage("m-3", null, "other-category", MessageChannel.Push, At))),
            ("the head rewritten before both lists", s => s.Plan = s.Plan! with { Arm = "arm-z" }),
            ("a new week", s => s.Week = new WeekState { Week = "2027-W10", Decisions = [Decision("o-11", send: true) with { PlanWeek = "2027-W10" }] }),
            ("nothing", _ => { }),
        };

        foreach (var (change, apply) in changes)
        {
            apply(state);
            var written = MemberStateFormat.Write(state);

            Assert.True(MemberStateFormat.Write(Copy(state)).AsSpan().SequenceEqual(written), change);
            Assert.Equal(state.Week!.Decisions.Count, state.EncodedWeekDecisions!.Count);
            Assert.Equal(state.ReplayTail.Count, state.EncodedReplayTail!.Count);
        }
    }

    [Fact]
    public void KeptSendsAndEventIdsAreCopiedOnlyForTheSameEntries()
    {
        var state = Full();
        MemberStateFormat.Write(state);
        var send = new SentMessage("m-3", "t-3", "other-category", MessageChannel.Email, At);
        var changes = new (string Change, Action<MemberState> Apply)[]
        {
            ("a send", s => s.Sent.Add(send)),
            ("the oldest send trimmed", s => s.Sent.RemoveAt(0)),
            ("trimmed and added to", s => s.Sent = [.. s.Sent.Skip(1), send with { MessageId = "m-4" }, send with { MessageId = "m-5" }]),
            ("an equal send in a new instance", s => s.Sent[0] = s.Sent[0] with { }),
            ("an event id", s => s.RecentEventIds.Add("e-9")),
            ("the event window shifted", s => s.RecentEventIds = [.. s.RecentEventIds.Skip(1), "e-10"]),
            ("a new shared string before the sends", s => s.Week!.Decisions.Add(Decision("o-9", send: true) with { Category = "other-category" })),
            ("every send gone", s => s.Sent.Clear()),
            ("a send after none", s => s.Sent.Add(send)),
            ("a list of other entries", s => s.RecentEventIds = ["e-11", "e-12"]),
            ("nothing", _ => { }),
        };

        foreach (var (change, apply) in changes)
        {
            apply(state);
            var written = MemberStateFormat.Write(state);

            Assert.True(MemberStateFormat.Write(Copy(state)).AsSpan().SequenceEqual(written), change);
            Assert.Equal(Json(state), Json(MemberStateFormat.Read(written)));
            Assert.Equal(state.Sent.Count, state.EncodedSent!.Count);
            Assert.Equal(state.RecentEventIds.Count, state.EncodedEventIds!.Count);
        }
    }

    [Fact]
    public void AWriteRefusedMidwayLeavesTheKeptSendsAsTheyWere()
    {
        var state = Full();
        MemberStateFormat.Write(state);
        state.Sent.Add(new SentMessage("m-3", null, "watchlist", MessageChannel.Push, At));
        state.Sent.Add(new SentMessage("m-4", null, null!, MessageChannel.Push, At));

        Assert.Throws<InvalidOperationException>(() => MemberStateFormat.Write(state));
        state.Sent[^1] = state.Sent[^1] with { Category = "watchlist" };
        MemberStateFormat.Write(state);
        state.Sent.RemoveAt(0);
        var written = MemberStateFormat.Write(state);

        Assert.True(MemberStateFormat.Write(Copy(state)).AsSpan().SequenceEqual(written));
    }

    [Fact]
    public void KeptSendsAreNotReusedForTheFifthLayout()
    {
        // Version 5 may refer to a send's category by its index among the shared strings, version 6 never does.
        var state = Full();
        state.Sent.Add(state.Sent[0] with { MessageId = "m-4", Category = state.Week!.Decisions[0].Category! });
        MemberStateFormat.Write(state);

        var fifth = MemberStateFormat.Write(state, MemberStateFormat.Version5);
        var sixth = MemberStateFormat.Write(state);

        Assert.Equal(MemberStateFormat.Write(Copy(state), MemberStateFormat.Version5), fifth);
        Assert.Equal(MemberStateFormat.Write(Copy(state)), sixth);
    }

    [Fact]
    public void AWriteRefusedMidwayLeavesTheKeptDecisionsAsTheyWere()
    {
        var state = Full();
        MemberStateFormat.Write(state);
        state.Week!.Decisions.Add(Decision("o-9", send: false));
        state.Week.Decisions.Add(Decision("o-10", send: false) with { Reason = null! });

        Assert.Throws<InvalidOperationException>(() => MemberStateFormat.Write(state));
        // A longer head moves where the lists start in the payload, so offsets noted by the refused write are stale.
        state.ImportedFeatures = new Dictionary<string, double>(state.ImportedFeatures, StringComparer.Ordinal) { ["ageBand"] = 3 };
        state.Week.Decisions[^1] = Decision("o-10", send: true);
        MemberStateFormat.Write(state);
        state.Week.Decisions.Add(Decision("o-11", send: true));
        var written = MemberStateFormat.Write(state);

        Assert.Equal(MemberStateFormat.Write(Copy(state)), written);
    }

    [Fact]
    public void KeptDecisionsAreNotReusedForTheOtherLayout()
    {
        var state = Full();
        MemberStateFormat.Write(state);

        var third = MemberStateFormat.Write(state, MemberStateFormat.Version3);
        var fourth = MemberStateFormat.Write(state);

        Assert.Equal(MemberStateFormat.Write(Copy(state), MemberStateFormat.Version3), third);
        Assert.Equal(MemberStateFormat.Write(Copy(state)), fourth);
    }

    [Fact]
    public void AKeptHeadIsNotReusedForTheOtherLayout()
    {
        var state = Full();
        MemberStateFormat.Write(state);

        var third = MemberStateFormat.Write(state, MemberStateFormat.Version3);

        Assert.Equal(MemberStateFormat.Write(Copy(state), MemberStateFormat.Version3), third);
        Assert.Equal(Json(BeforeSeventh(state)), Json(MemberStateFormat.Read(third)));
    }

    [Fact]
    public void AnEmptyStateSurvivesTheRoundTrip()
    {
        var state = new MemberState();

        var read = MemberStateFormat.Read(MemberStateFormat.Write(state));

        Assert.Equal(Json(state), Json(read));
    }

    [Fact]
    public void StateOrleansWroteIsStillRead()
    {
        var state = Full();
        var storage = new BinaryStateSerializer(Orleans);

        var read = storage.Deserialize<MemberState>(new BinaryData(Orleans.SerializeToArray(state)));
        var written = storage.Serialize(state).ToArray();

        Assert.Equal(Json(state), Json(read));
        Assert.Equal(MemberStateFormat.Version12, written[0]);
        Assert.Equal(Json(state), Json(storage.Deserialize<MemberState>(new BinaryData(written))));
    }

    [Fact]
    public void ATruncatedPayloadIsRefusedAsMalformed()
    {
        var payload = MemberStateFormat.Write(Full());

        var errors = Enumerable.Range(1, payload.Length - 1)
            .Select(length => Record.Exception(() => MemberStateFormat.Read(payload.AsSpan(0, length))))
            .ToList();

        Assert.All(errors, e => Assert.Contains("malformed", Assert.IsType<InvalidDataException>(e).Message, StringComparison.Ordinal));
    }

    [Fact]
    public void BytesAfterTheLastFieldAreRefusedAsMalformed()
    {
        var payload = MemberStateFormat.Write(Full()).Append((byte)0).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => MemberStateFormat.Read(payload));

        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATrialCodeNoVersionWritesIsRefusedAsMalformed()
    {
        // Without opt-out prices (a false last), the byte before says whether a version trial's sides planned the week
        // differently: 0, 1 or 2.
        var state = Full();
        state.Plan!.OptOutPrices = null;
        var payload = MemberStateFormat.Write(state);
        payload[^2] = 7;

        var error = Assert.Throws<InvalidDataException>(() => MemberStateFormat.Read(payload));

        Assert.Contains("trial code is 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APayloadFromANewerFormatNamesItsFormat()
    {
        var payload = MemberStateFormat.Write(Full());
        payload[0] = 0xAD;

        var error = Assert.Throws<InvalidDataException>(() => MemberStateFormat.Read(payload));

        Assert.Contains("format 0xAD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StateInTheThirdLayoutIsStillRead()
    {
        // Version 3 writes every string in full.
        var state = Full();

        var thirdLayout = MemberStateFormat.Write(state, MemberStateFormat.Version3);

        Assert.Equal(MemberStateFormat.Version3, thirdLayout[0]);
        Assert.Equal(Json(BeforeSeventh(state)), Json(MemberStateFormat.Read(thirdLayout)));
    }

    [Fact]
    public void StateInTheFifthLayoutIsStillRead()
    {
        // Version 5 refers to a sent message's category when the payload named it before.
        var state = Full();
        state.Sent.Add(state.Sent[0] with { MessageId = "m-4", Category = new string(state.Week!.Decisions[0].Category) });

        var fifthLayout = MemberStateFormat.Write(state, MemberStateFormat.Version5);

        Assert.Equal(MemberStateFormat.Version5, fifthLayout[0]);
        Assert.Equal(Json(BeforeSeventh(state)), Json(MemberStateFormat.Read(fifthLayout)));
    }

    [Fact]
    public void StateInTheFourthLayoutIsStillRead()
    {
        // Version 4 writes the replay tail after the learned features.
        var state = Full();

        var fourthLayout = MemberStateFormat.Write(state, MemberStateFormat.Version4);

        Assert.Equal(MemberStateFormat.Version4, fourthLayout[0]);
        Assert.Equal(Json(BeforeSeventh(state)), Json(MemberStateFormat.Read(fourthLayout)));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    public void ASiloUpgradingFromAnEarlierLayoutWritesItUntilToldOtherwise(int layout)
    {
        // MemberGrainOptions.StateLayout: silos that read at most that layout can still read what this one writes.
        var state = Full();
        var options = new MemberGrainOptions { StateLayout = layout };

        var upgrading = new BinaryStateSerializer(Orleans, layout: options.CompactLayout).Serialize(state).ToArray();
        var upgraded = new BinaryStateSerializer(Orleans).Serialize(state).ToArray();

        Assert.Null(options.Problem());
        Assert.Equal(0xA0 + layout, upgrading[0]);
        Assert.Equal(MemberStateFormat.Version12, upgraded[0]);
        Assert.Equal(Json(AsLayout(state, layout)), Json(new BinaryStateSerializer(Orleans).Deserialize<MemberState>(new BinaryData(upgrading))));
    }

    [Fact]
    public void ALayoutNoVersionReadsIsRefusedInTheOptions()
    {
        Assert.Contains("StateLayout", new MemberGrainOptions { StateLayout = 13 }.Problem(), StringComparison.Ordinal);
        Assert.Contains("StateLayout", new MemberGrainOptions { StateLayout = 2 }.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedStringsAreWrittenOnceAndReadAsOneInstance()
    {
        // A week of decisions under one plan: the same week, arm, reason, category and ranker in each, as equal
        // strings from different requests rather than one instance.
        var state = Full();
        var decision = state.Week!.Decisions[0];
        state.Week.Decisions = [.. Enumerable.Range(0, 20).Select(i => decision with
        {
            OpportunityId = $"o-{i}", PlanWeek = new string(decision.PlanWeek), Arm = new string(decision.Arm), Category = new string(decision.Category), Reason = new string(decision.Reason),
        })];

        var read = MemberStateFormat.Read(MemberStateFormat.Write(state));
        // Sizes compared on the fields both layouts carry.
        var shared = MemberStateFormat.Write(BeforeSeventh(state), MemberStateFormat.Version6);
        var full = MemberStateFormat.Write(BeforeSeventh(state), MemberStateFormat.Version3);

        Assert.Equal(Json(state), Json(read));
        Assert.True(shared.Length < full.Length - (19 * (decision.PlanWeek.Length + decision.Arm.Length + decision.Category!.Length + decision.Reason.Length)),
            $"{shared.Length} bytes shared against {full.Length} in full");
        Assert.Same(read.Week!.Decisions[0].Arm, read.Week.Decisions[19].Arm);
    }

    [Fact]
    public void AReferenceToAStringNotYetReadIsRefusedAsMalformed()
    {
        // The plan's week is the payload's first shared string; refer to the second one there instead.
        var state = new MemberState { Plan = new PlanState { Week = "w", Arm = "a", Policy = "p", Pacing = "x", ModelVersion = "m" } };
        var payload = MemberStateFormat.Write(state);
        var week = Array.IndexOf(payload, (byte)(1 + 2), 1);
        payload[week] = 1;
        payload[week + 1] = 1;

        var error = Assert.Throws<InvalidDataException>(() => MemberStateFormat.Read(payload));

        Assert.Contains("shared string 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StateInTheFirstLayoutIsStillRead()
    {
        // Version 1 is version 3 without the tails of versions 2 and 3: no in-app cap, cut, signals or calibration; those
        // read as a new member's. Strings are in full, as in version 3.
        var state = Full();
        state.Plan!.InApp = null;
        state.Plan.Cut = null;
        state.Plan.Calibration = null;
        state.Learned = new LearnedFeatures
        {
            EngagedDaysPerWeek = 2, PushSends = 1, OpportunitiesPerWeek = [7, 1, 3, 7, 0.5, 0], RelevanceRanker = "r", RelevancePowers = [0.1, 0.2],
        };
        var payload = MemberStateFormat.Write(state, MemberStateFormat.Version3);
        var firstLayout = payload.AsSpan(0, payload.Length - Version2TailOfAnEmptyState - Version3TailOfAnEmptyState).ToArray();
        firstLayout[0] = MemberStateFormat.Version1;

        var read = MemberStateFormat.Read(firstLayout);

        Assert.Equal(Json(BeforeSeventh(state)), Json(read));
    }

    [Fact]
    public void StateInTheSecondLayoutIsStillRead()
    {
        // Version 2 is version 3 without its tail: a plan without calibration.
        var state = Full();
        state.Plan!.Calibration = null;
        var payload = MemberStateFormat.Write(state, MemberStateFormat.Version3);
        var secondLayout = payload.AsSpan(0, payload.Length - Version3TailOfAnEmptyState).ToArray();
        secondLayout[0] = MemberStateFormat.Version2;

        var read = MemberStateFormat.Read(secondLayout);

        Assert.Equal(Json(BeforeSeventh(state)), Json(read));
    }

    // The tail's bytes when the plan has no in-app cap or cut and the signals are zero: a null, a false, six zero doubles, a false.
    private const int Version2TailOfAnEmptyState = 1 + 1 + (6 * 8) + 1;

    // The tail's bytes when the plan has no calibration: a false.
    private const int Version3TailOfAnEmptyState = 1;

    private static string Json(MemberState state) => JsonSerializer.Serialize(state);

    // The same state in new instances, with nothing kept; the state keeps its own.
    // What a layout before the seventh keeps of a state: its decisions without the send probability, held channel,
    // ranking arm and play.
    private static MemberState BeforeSeventh(MemberState state) => AsLayout(state, 6);

    // What layout `layout` keeps of a state: from the seventh, the coins' fields; from the eighth, whether a send was
    // played; from the ninth, whether the reminder is unconfirmed; from the tenth, whether a decision was a ranker trial's
    // unit; from the eleventh, whether a version trial's two sides planned the week differently; from the twelfth, the
    // plan's opt-out prices.
    private static MemberState AsLayout(MemberState state, int layout)
    {
        var copy = Copy(state);
        copy.ReminderUnconfirmed = layout >= 9 && copy.ReminderUnconfirmed;
        if (copy.Plan is { } plan)
        {
            if (layout < 11) plan.TrialPlansDiffer = null;
            if (layout < 12) plan.OptOutPrices = null;
        }
        copy.ReplayTail = Strip(copy.ReplayTail);
        if (copy.Week is { } week) week.Decisions = Strip(week.Decisions);
        return copy;

        List<DecisionRecord> Strip(List<DecisionRecord> decisions) =>
        [
            .. decisions.Select(d => layout >= 7
                ? d with { Played = layout >= 8 && d.Played, BestSendProbability = layout >= 8 ? d.BestSendProbability : null, RankerDuel = layout >= 10 && d.RankerDuel }
                : d with { SendProbability = null, HeldChannel = null, RankingArm = null, Played = false, BestSendProbability = null, RankerDuel = false }),
        ];
    }

    private static MemberState Copy(MemberState state)
    {
        var (head, week, tail, sent, events) = (state.EncodedHead, state.EncodedWeekDecisions, state.EncodedReplayTail, state.EncodedSent, state.EncodedEventIds);
        (state.EncodedHead, state.EncodedWeekDecisions, state.EncodedReplayTail, state.EncodedSent, state.EncodedEventIds) = (null, null, null, null, null);
        var copy = MemberStateFormat.Read(MemberStateFormat.Write(state, MemberStateFormat.Version12));
        (state.EncodedHead, state.EncodedWeekDecisions, state.EncodedReplayTail, state.EncodedSent, state.EncodedEventIds) = (head, week, tail, sent, events);
        return copy;
    }

    private static MemberState Full() => new()
    {
        Preferences = new MemberPreferences
        {
            TimeZone = "Europe/Berlin",
            Channels = new ChannelSwitches { Push = false, Email = false, InApp = false },
            MutedCategories = ["promotion", "séries-à-voir"],
            QuietHours = new QuietWindow { Start = "22:00", End = "07:30" },
        },
        ImportedFeatures = new Dictionary<string, double>(StringComparer.Ordinal) { ["tenureWeeks"] = 12, [new string('f', 200)] = -0.5 },
        Plan = new PlanState
        {
            Week = "2027-W09",
            Arm = "arm-b",
            Policy = "hierarchical",
            Push = 3,
            Email = 1,
            Pacing = "relevance-weighted",
            ModelVersion = "experiment-week4",
            Propensity = 0.0123,
            Explored = true,
            Utility = -0.25,
            Terms = new Dictionary<string, double>(StringComparer.Ordinal) { ["engagement"] = 0.4, ["messageCost"] = -0.2 },
            Features = new Dictionary<string, double>(StringComparer.Ordinal) { ["engagedDaysPerWeek"] = 3.5 },
            PlannedAt = At,
            InApp = 2,
            Cut = new BudgetCut(2, 1, 1, At.AddHours(30)),
            Calibration = new PlanCalibration(2.5, 0.75, 0.004, 0.0031),
            TrialPlansDiffer = false,
            OptOutPrices = new OptOutPrices(11.5, 5),
        },
        Week = new WeekState
        {
            Week = "2027-W09",
            PushSent = 2,
            EmailSent = 1,
            InAppSent = 4,
            TransactionalSent = 5,
            Decisions = [Decision("o-1", send: true), Unsent(new string('o', 128))],
            Outcomes = new(StringComparer.Ordinal) { ["push.opened"] = 2, ["email.delivered"] = 1 },
            EngagedDayMask = 0b1010011,
            ActivityMinutes = 95.5,
            Opportunities = [1, 2, 3, 4, 5, 6, 7, 8, 9],
            OptedOut = [MessageChannel.Email, MessageChannel.InApp],
        },
        Sent = [new SentMessage("m-1", "t-1", "watchlist", MessageChannel.Push, At), new SentMessage("m-2", null, "promotion", MessageChannel.Email, At.AddHours(-30))],
        Learned = new LearnedFeatures
        {
            EngagedDaysPerWeek = 3.25,
            PushSends = 1.5,
            PushOpens = 0.5,
            EmailSends = 2.5,
            EmailOpens = 0.25,
            Dismisses = 0.125,
            RecentPushPerWeek = 2.75,
            RecentEmailPerWeek = 1.25,
            OpportunitiesPerWeek = [7, 1, 3, 7, 0.5, 0],
            WeeksClosed = 9,
            RelevanceRanker = "ranker-3",
            RelevancePowers = [0.01, 0.02, 0.03],
            InAppSends = 3.5,
            InAppOpens = 0.75,
            RecentInAppPerWeek = 1.5,
            LongRunOpens = 4.25,
            LongRunSends = 12.5,
            RecentOptOut = 0.5,
            LastEngaged = At.AddDays(-2),
        },
        ReplayTail = [Decision("o-0", send: true) with { Channel = MessageChannel.Push, Kind = OpportunityType.Daily }, Decision("o-00", send: false)],
        RecentEventIds = ["e-1", "e-2"],
        ReminderRegistered = true,
        ReminderUnconfirmed = true,
        FirstWeek = "2026-W50",
    };

    private static DecisionRecord Decision(string opportunityId, bool send) => new()
    {
        OpportunityId = opportunityId,
        Time = At.AddMinutes(-5),
        Kind = OpportunityType.Session,
        Send = send,
        MessageId = "m-" + opportunityId,
        Channel = MessageChannel.Email,
        Reason = send ? "selected" : "pacing",
        Propensity = 0.75,
        PlanWeek = "2027-W08",
        Arm = "arm-a",
        Category = "watchlist",
        Relevance = 0.8,
        HoursSinceCategory = 26.5,
        HoursToExpiry = 48,
        Engaged = true,
        Played = true,
        RankerVersion = "ranker-3",
        SendProbability = 0.4,
        BestSendProbability = 0.3,
        HeldChannel = MessageChannel.Push,
        RankingArm = "causal",
        RankerDuel = true,
    };

    // A decision that sent nothing: every optional field empty.
    private static DecisionRecord Unsent(string opportunityId) => new()
    {
        OpportunityId = opportunityId,
        Time = At.AddDays(-1),
        Kind = OpportunityType.Launch,
        Send = false,
        Reason = "quiet-hours",
        Propensity = 1,
        PlanWeek = "2027-W09",
        Arm = "arm-b",
    };

    // Property paths in the state's own types that hold their type's default (or an empty collection) in every
    // instance: a list counts as set when any of its items sets the property.
    private static IEnumerable<string> Unset(object value, string path)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        var set = new HashSet<string>(StringComparer.Ordinal);
        Visit(value, path, all, set);
        return all.Except(set).Order(StringComparer.Ordinal);
    }

    // What a new instance holds: the property's initializer where the type has a parameterless constructor.
    private static object? Initial(PropertyInfo property)
    {
        var owner = property.DeclaringType!;
        if (owner.GetConstructor(Type.EmptyTypes) is not null) return property.GetValue(Activator.CreateInstance(owner));
        return property.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null;
    }

    private static void Visit(object value, string path, HashSet<string> all, HashSet<string> set)
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.CanWrite))
        {
            var item = property.GetValue(value);
            var where = $"{path}.{property.Name}";
            all.Add(where);
            if (item is null || item.Equals(Initial(property)) || item is ICollection { Count: 0 })
            {
                continue;
            }

            set.Add(where);
            var nested = item is IEnumerable and not string ? ((IEnumerable)item).Cast<object>() : [item];
            foreach (var element in nested.Where(e => e.GetType().Namespace?.StartsWith("NotificationActors", StringComparison.Ordinal) == true && !e.GetType().IsEnum))
            {
                Visit(element, where, all, set);
            }
        }
    }
}
