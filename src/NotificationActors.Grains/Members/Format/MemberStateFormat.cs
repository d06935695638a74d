using System.Buffers;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Abstractions.Members;

namespace NotificationActors.Grains.Members.Format;

/// <summary>
/// The member state's own binary layout: every field in a fixed order, behind a format byte. State is written on
/// every decision, and Orleans' general format spends most of that write tracking references (every string is
/// hashed into a table) and growing its buffers. The format byte lies in Orleans' unused wire type 0b101, so a
/// payload Orleans wrote (state from before this format) is told apart by its first byte and still read.
/// Adding a field means a new format byte whose reader also accepts the old one; MemberStateFormatTests fails for
/// a state property the layout does not carry.
/// </summary>
internal static class MemberStateFormat
{
    /// <summary>The first byte of a payload in the first layout, still read.</summary>
    public const byte Version1 = 0xA1;

    /// <summary>The first byte of a payload in the second layout: version 1's fields, then the in-app cap, a plan's cut and the member's signals; still read.</summary>
    public const byte Version2 = 0xA2;

    /// <summary>The first byte of a payload in the third layout: version 2's fields, then the plan's opt-out calibration; still read.</summary>
    public const byte Version3 = 0xA3;

    /// <summary>
    /// The first byte of a payload in this layout: version 3's fields, with the strings a state repeats (a plan's week
    /// and arm in each of its decisions, their reasons, categories and ranker) written once and then referred to.
    /// A week's decisions were most of a member's state, and most of their bytes were those repeats.
    /// </summary>
    public const byte Version4 = 0xA4;

    /// <summary>
    /// The first byte of a payload in this layout: version 4's fields with the replay tail right after the plan. Each
    /// list of decisions is copied from its kept encoding while the shared strings named before it stand
    /// (<see cref="EncodedDecisions"/>); after the week's decisions and sends those changed with most calls.
    /// </summary>
    public const byte Version5 = 0xA5;

    /// <summary>
    /// The first byte of a payload in this layout: version 5's fields with each sent message's category in full, so
    /// that the sent messages, like the recent event ids, name no shared string and are copied from their kept
    /// encoding (<see cref="EncodedEntries{T}"/>) however the strings before them change.
    /// </summary>
    public const byte Version6 = 0xA6;

    /// <summary>
    /// The first byte of a payload in this layout: version 6's fields with each decision's send probability, the
    /// channel of the candidate a pacing hold held back and the member's ranking arm (what a causal ranker learns from).
    /// </summary>
    public const byte Version7 = 0xA7;

    /// <summary>
    /// The first byte of a payload in this layout: version 7's fields with whether each send led to a play within a day
    /// and, on a send of the best candidate, the chance it went out (what the causal ranker learns from).
    /// </summary>
    public const byte Version8 = 0xA8;

    /// <summary>
    /// The first byte of a payload in this layout: version 8's fields, then whether the weekly reminder registered
    /// alongside the first write is still unconfirmed (<see cref="MemberState.ReminderUnconfirmed"/>).
    /// </summary>
    public const byte Version9 = 0xA9;

    /// <summary>
    /// The first byte of a payload in this layout: version 9's fields, with whether each decision was a unit of a
    /// ranker's trial (<see cref="DecisionRecord.RankerDuel"/>).
    /// </summary>
    public const byte Version10 = 0xAA;

    /// <summary>
    /// The first byte of a payload in this layout: version 10's fields, then whether the other side of a version trial
    /// would have planned the week differently (<see cref="PlanState.TrialPlansDiffer"/>).
    /// </summary>
    public const byte Version11 = 0xAB;

    /// <summary>
    /// The first byte of a payload in this layout: version 11's fields, then what the plan charged for losing each
    /// channel (<see cref="PlanState.OptOutPrices"/>).
    /// </summary>
    public const byte Version12 = 0xAC;

    // A member's state is a few kilobytes; start there so most writes never grow the buffer.
    private const int InitialCapacity = 8 * 1024;

    /// <summary>True for a payload in this layout (any version), false for one Orleans wrote.</summary>
    public static bool Owns(ReadOnlySpan<byte> payload) => payload.Length > 0 && (payload[0] & 0xE0) == 0xA0;

    /// <summary>The payload in <paramref name="layout"/>: this one, or version 3 or 4, which silos of earlier versions read.</summary>
    public static byte[] Write(MemberState state, byte layout = Version12)
    {
        var writer = Writer(layout);
        try
        {
            WriteFields(ref writer, state, layout);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>Appends the payload <see cref="Write(MemberState, byte)"/> returns to <paramref name="output"/>.</summary>
    public static void Write(MemberState state, IBufferWriter<byte> output, byte layout = Version12)
    {
        var writer = Writer(layout);
        try
        {
            WriteFields(ref writer, state, layout);
            writer.CopyTo(output);
        }
        finally
        {
            writer.Dispose();
        }
    }

    private static CompactWriter Writer(byte layout) => layout is >= Version3 and <= Version12
        ? new CompactWriter(InitialCapacity, shareStrings: layout >= Version4)
        : throw new ArgumentOutOfRangeException(nameof(layout), layout, $"Member state is written in layout 0x{Version3:X2} to 0x{Version12:X2}.");

    private static void WriteFields(ref CompactWriter writer, MemberState state, byte layout)
    {
        writer.Byte(layout);
        WriteHead(ref writer, state, layout);
        if (layout >= Version5) WriteReplayTail(ref writer, state, layout);
        writer.Bool(state.Week is not null);
        if (state.Week is { } week) WriteWeek(ref writer, week, state, layout);
        state.EncodedSent = WriteEntries(ref writer, state.Sent, layout, state.EncodedSent, layout >= Version6 ? SentWriter : SentSharingCategoryWriter);
        WriteLearned(ref writer, state.Learned);
        if (layout < Version5) WriteReplayTail(ref writer, state, layout);
        state.EncodedEventIds = WriteEntries(ref writer, state.RecentEventIds, layout, state.EncodedEventIds, EventIdWriter);
        writer.Bool(state.ReminderRegistered);
        writer.String(state.FirstWeek);
        WriteVersion2(ref writer, state);
        WriteVersion3(ref writer, state);
        if (layout >= Version9) writer.Bool(state.ReminderUnconfirmed);
        if (layout >= Version11) writer.Byte(state.Plan?.TrialPlansDiffer switch { null => TrialNone, false => TrialAlike, true => TrialDiffer });
        if (layout >= Version12) WritePrices(ref writer, state.Plan?.OptOutPrices);
    }

    private static void WritePrices(ref CompactWriter writer, OptOutPrices? prices)
    {
        writer.Bool(prices is not null);
        if (prices is null) return;
        writer.Double(prices.Push);
        writer.Double(prices.Email);
    }

    private static void ReadPrices(ref CompactReader reader, MemberState state)
    {
        OptOutPrices? prices = reader.Bool() ? new OptOutPrices(reader.Double(), reader.Double()) : null;
        if (state.Plan is { } plan) plan.OptOutPrices = prices;
    }

    // How a plan's TrialPlansDiffer is stored.
    private const byte TrialNone = 0;
    private const byte TrialAlike = 1;
    private const byte TrialDiffer = 2;

    private static void ReadTrial(ref CompactReader reader, MemberState state)
    {
        var code = reader.Byte();
        bool? differ = code switch
        {
            TrialNone => null,
            TrialAlike => false,
            TrialDiffer => true,
            _ => throw new InvalidDataException($"Member state is malformed: a plan's trial code is {code}, not {TrialNone} to {TrialDiffer}."),
        };
        if (state.Plan is { } plan) plan.TrialPlansDiffer = differ;
    }

    private delegate void EntryWriter<in T>(ref CompactWriter writer, T entry);

    // The entry writers, made once rather than at each write.
    private static readonly EntryWriter<SentMessage> SentWriter = static (ref writer, sent) => WriteSent(ref writer, sent, shareCategory: false);
    private static readonly EntryWriter<SentMessage> SentSharingCategoryWriter = static (ref writer, sent) => WriteSent(ref writer, sent, shareCategory: true);
    private static readonly EntryWriter<string> EventIdWriter = WriteEventId;

    // From layout 6 the entries are copied from their kept encoding, then the rest written and kept.
    private static EncodedEntries<T>? WriteEntries<T>(ref CompactWriter writer, List<T> entries, byte layout, EncodedEntries<T>? kept, EntryWriter<T> write)
        where T : class
    {
        writer.UInt((ulong)entries.Count);
        if (layout < Version6)
        {
            foreach (var entry in entries) write(ref writer, entry);
            return kept;
        }

        kept ??= new EncodedEntries<T>();
        var reused = kept.Replay(ref writer, entries, layout);
        var start = writer.Length;
        for (var i = reused; i < entries.Count; i++)
        {
            write(ref writer, entries[i]);
            kept.Append(entries[i], writer.Length);
        }

        if (reused < entries.Count) kept.Keep(in writer, start);
        return kept;
    }

    // Layouts 4 and 5 refer to a category the payload named before; from 6 it is written in full.
    private static void WriteSent(ref CompactWriter writer, SentMessage sent, bool shareCategory)
    {
        writer.RequiredString(sent.MessageId, "Sent.MessageId");
        writer.String(sent.TitleId);
        if (shareCategory) writer.RequiredSharedString(sent.Category, "Sent.Category");
        else writer.RequiredString(sent.Category, "Sent.Category");
        writer.Byte(StoredCodes.Of(sent.Channel));
        writer.Time(sent.SentAt);
    }

    private static void WriteEventId(ref CompactWriter writer, string id) => writer.RequiredString(id, "RecentEventIds");

    private static void WriteReplayTail(ref CompactWriter writer, MemberState state, byte layout) =>
        state.EncodedReplayTail = WriteDecisions(ref writer, state.ReplayTail, layout, state.EncodedReplayTail);

    // The preferences, imported features and plan: from the state's kept encoding when it still holds them, else
    // written and kept. Nothing before them names a shared string, so the kept references stay valid.
    private static void WriteHead(ref CompactWriter writer, MemberState state, byte layout)
    {
        if (state.EncodedHead is { } head && head.Encodes(state, layout))
        {
            writer.Replay(head.Bytes, head.Shared, sharedStart: 0);
            return;
        }

        var (start, sharedStart) = (writer.Length, writer.SharedCount);
        WritePreferences(ref writer, state.Preferences);
        WriteDictionary(ref writer, state.ImportedFeatures);
        writer.Bool(state.Plan is not null);
        if (state.Plan is { } plan) WritePlan(ref writer, plan);
        if (sharedStart == 0)
        {
            state.EncodedHead ??= new EncodedHead();
            state.EncodedHead.Keep(state, layout, writer.Written(start), writer.Shared);
        }
    }

    public static MemberState Read(ReadOnlySpan<byte> payload)
    {
        var reader = new CompactReader(payload);
        var version = reader.Byte();
        if (version is not (Version1 or Version2 or Version3 or Version4 or Version5 or Version6 or Version7 or Version8 or Version9 or Version10 or Version11 or Version12))
        {
            throw new InvalidDataException($"Member state is in format 0x{version:X2}, which this version does not know (it reads 0x{Version1:X2} to 0x{Version12:X2}): written by a newer version, or damaged.");
        }

        if (version >= Version4) reader.ShareStrings();

        try
        {
            var state = new MemberState
            {
                Preferences = ReadPreferences(ref reader),
                ImportedFeatures = ReadDictionary(ref reader),
                Plan = reader.Bool() ? ReadPlan(ref reader) : null,
            };
            if (version >= Version5) state.ReplayTail = ReadDecisions(ref reader, version);
            state.Week = reader.Bool() ? ReadWeek(ref reader, version) : null;
            var sent = reader.Count();
            state.Sent = new List<SentMessage>(sent);
            for (var i = 0; i < sent; i++)
            {
                var (messageId, titleId) = (reader.RequiredString(), reader.String());
                var category = version >= Version6 ? reader.RequiredString() : reader.RequiredSharedString();
                state.Sent.Add(new SentMessage(messageId, titleId, category, StoredCodes.Channel(reader.Byte()), reader.Time()));
            }

            state.Learned = ReadLearned(ref reader);
            if (version < Version5) state.ReplayTail = ReadDecisions(ref reader, version);
            var events = reader.Count();
            state.RecentEventIds = new List<string>(events);
            for (var i = 0; i < events; i++) state.RecentEventIds.Add(reader.RequiredString());
            state.ReminderRegistered = reader.Bool();
            state.FirstWeek = reader.String();
            if (version >= Version2) ReadVersion2(ref reader, state);
            if (version >= Version3) ReadVersion3(ref reader, state);
            if (version >= Version9) state.ReminderUnconfirmed = reader.Bool();
            if (version >= Version11) ReadTrial(ref reader, state);
            if (version >= Version12) ReadPrices(ref reader, state);
            return reader.AtEnd ? state : throw new InvalidDataException("Member state is malformed: bytes follow its last field.");
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"Member state is malformed: {e.Message}", e);
        }
    }

    private static void WriteVersion2(ref CompactWriter writer, MemberState state)
    {
        writer.NullableInt(state.Plan?.InApp);
        var cut = state.Plan?.Cut;
        writer.Bool(cut is not null);
        if (cut is not null)
        {
            writer.Int(cut.Push);
            writer.Int(cut.Email);
            writer.Int(cut.InApp);
            writer.Time(cut.At);
        }

        var learned = state.Learned;
        writer.Double(learned.InAppSends);
        writer.Double(learned.InAppOpens);
        writer.Double(learned.RecentInAppPerWeek);
        writer.Double(learned.LongRunOpens);
        writer.Double(learned.LongRunSends);
        writer.Double(learned.RecentOptOut);
        writer.Bool(learned.LastEngaged is not null);
        if (learned.LastEngaged is { } engaged) writer.Time(engaged);
    }

    private static void WriteVersion3(ref CompactWriter writer, MemberState state)
    {
        var calibration = state.Plan?.Calibration;
        writer.Bool(calibration is not null);
        if (calibration is null) return;
        writer.Double(calibration.PushScale);
        writer.Double(calibration.EmailScale);
        writer.Double(calibration.PushOptOut);
        writer.Double(calibration.EmailOptOut);
    }

    private static void ReadVersion3(ref CompactReader reader, MemberState state)
    {
        PlanCalibration? calibration = reader.Bool() ? new PlanCalibration(reader.Double(), reader.Double(), reader.Double(), reader.Double()) : null;
        if (state.Plan is { } plan) plan.Calibration = calibration;
    }

    private static void ReadVersion2(ref CompactReader reader, MemberState state)
    {
        var inApp = reader.NullableInt();
        BudgetCut? cut = reader.Bool() ? new BudgetCut(reader.Int32(), reader.Int32(), reader.Int32(), reader.Time()) : null;
        if (state.Plan is { } plan)
        {
            (plan.InApp, plan.Cut) = (inApp, cut);
        }

        var learned = state.Learned;
        learned.InAppSends = reader.Double();
        learned.InAppOpens = reader.Double();
        learned.RecentInAppPerWeek = reader.Double();
        learned.LongRunOpens = reader.Double();
        learned.LongRunSends = reader.Double();
        learned.RecentOptOut = reader.Double();
        learned.LastEngaged = reader.Bool() ? reader.Time() : null;
    }

    private static void WritePreferences(ref CompactWriter writer, MemberPreferences preferences)
    {
        writer.RequiredString(preferences.TimeZone, "Preferences.TimeZone");
        writer.Bool(preferences.Channels.Push);
        writer.Bool(preferences.Channels.Email);
        writer.Bool(preferences.Channels.InApp);
        writer.UInt((ulong)preferences.MutedCategories.Count);
        foreach (var category in preferences.MutedCategories) writer.RequiredString(category, "Preferences.MutedCategories");
        writer.Bool(preferences.QuietHours is not null);
        if (preferences.QuietHours is { } quiet)
        {
            writer.RequiredString(quiet.Start, "Preferences.QuietHours.Start");
            writer.RequiredString(quiet.End, "Preferences.QuietHours.End");
        }
    }

    private static MemberPreferences ReadPreferences(ref CompactReader reader)
    {
        var timeZone = reader.RequiredString();
        var channels = new ChannelSwitches { Push = reader.Bool(), Email = reader.Bool(), InApp = reader.Bool() };
        var muted = new string[reader.Count()];
        for (var i = 0; i < muted.Length; i++) muted[i] = reader.RequiredString();
        var quiet = reader.Bool() ? new QuietWindow { Start = reader.RequiredString(), End = reader.RequiredString() } : null;
        return new MemberPreferences { TimeZone = timeZone, Channels = channels, MutedCategories = muted, QuietHours = quiet };
    }

    private static void WritePlan(ref CompactWriter writer, PlanState plan)
    {
        writer.RequiredSharedString(plan.Week, "Plan.Week");
        writer.RequiredSharedString(plan.Arm, "Plan.Arm");
        writer.RequiredSharedString(plan.Policy, "Plan.Policy");
        writer.NullableInt(plan.Push);
        writer.NullableInt(plan.Email);
        writer.RequiredSharedString(plan.Pacing, "Plan.Pacing");
        writer.RequiredSharedString(plan.ModelVersion, "Plan.ModelVersion");
        writer.Double(plan.Propensity);
        writer.Bool(plan.Explored);
        writer.Double(plan.Utility);
        WriteDictionary(ref writer, plan.Terms);
        WriteDictionary(ref writer, plan.Features);
        writer.Time(plan.PlannedAt);
    }

    private static PlanState ReadPlan(ref CompactReader reader) => new()
    {
        Week = reader.RequiredSharedString(),
        Arm = reader.RequiredSharedString(),
        Policy = reader.RequiredSharedString(),
        Push = reader.NullableInt(),
        Email = reader.NullableInt(),
        Pacing = reader.RequiredSharedString(),
        ModelVersion = reader.RequiredSharedString(),
        Propensity = reader.Double(),
        Explored = reader.Bool(),
        Utility = reader.Double(),
        Terms = ReadDictionary(ref reader),
        Features = ReadDictionary(ref reader),
        PlannedAt = reader.Time(),
    };

    private static void WriteWeek(ref CompactWriter writer, WeekState week, MemberState state, byte layout)
    {
        writer.RequiredSharedString(week.Week, "Week.Week");
        writer.Int(week.PushSent);
        writer.Int(week.EmailSent);
        writer.Int(week.InAppSent);
        writer.Int(week.TransactionalSent);
        state.EncodedWeekDecisions = WriteDecisions(ref writer, week.Decisions, layout, state.EncodedWeekDecisions);
        writer.UInt((ulong)week.Outcomes.Count);
        foreach (var (name, count) in week.Outcomes)
        {
            writer.String(name);
            writer.Int(count);
        }

        writer.Int(week.EngagedDayMask);
        writer.Double(week.ActivityMinutes);
        writer.UInt((ulong)week.Opportunities.Length);
        foreach (var count in week.Opportunities) writer.Int(count);
        writer.UInt((ulong)week.OptedOut.Count);
        foreach (var channel in week.OptedOut) writer.Byte(StoredCodes.Of(channel));
    }

    private static WeekState ReadWeek(ref CompactReader reader, byte version)
    {
        var week = new WeekState
        {
            Week = reader.RequiredSharedString(),
            PushSent = reader.Int32(),
            EmailSent = reader.Int32(),
            InAppSent = reader.Int32(),
            TransactionalSent = reader.Int32(),
            Decisions = ReadDecisions(ref reader, version),
        };
        var outcomes = reader.Count();
        for (var i = 0; i < outcomes; i++) week.Outcomes[reader.RequiredString()] = reader.Int32();
        week.EngagedDayMask = reader.Int32();
        week.ActivityMinutes = reader.Double();
        week.Opportunities = new int[reader.Count()];
        for (var i = 0; i < week.Opportunities.Length; i++) week.Opportunities[i] = reader.Int32();
        var optedOut = reader.Count();
        for (var i = 0; i < optedOut; i++) week.OptedOut.Add(StoredCodes.Channel(reader.Byte()));
        return week;
    }

    private static void WriteLearned(ref CompactWriter writer, LearnedFeatures learned)
    {
        writer.NullableDouble(learned.EngagedDaysPerWeek);
        writer.Double(learned.PushSends);
        writer.Double(learned.PushOpens);
        writer.Double(learned.EmailSends);
        writer.Double(learned.EmailOpens);
        writer.Double(learned.Dismisses);
        writer.Double(learned.RecentPushPerWeek);
        writer.Double(learned.RecentEmailPerWeek);
        WriteDoubles(ref writer, learned.OpportunitiesPerWeek);
        writer.Int(learned.WeeksClosed);
        writer.SharedString(learned.RelevanceRanker);
        WriteDoubles(ref writer, learned.RelevancePowers);
    }

    private static LearnedFeatures ReadLearned(ref CompactReader reader) => new()
    {
        EngagedDaysPerWeek = reader.NullableDouble(),
        PushSends = reader.Double(),
        PushOpens = reader.Double(),
        EmailSends = reader.Double(),
        EmailOpens = reader.Double(),
        Dismisses = reader.Double(),
        RecentPushPerWeek = reader.Double(),
        RecentEmailPerWeek = reader.Double(),
        OpportunitiesPerWeek = ReadDoubles(ref reader),
        WeeksClosed = reader.Int32(),
        RelevanceRanker = reader.SharedString(),
        RelevancePowers = ReadDoubles(ref reader),
    };

    // The decisions the kept encoding holds are copied from it; the rest are written and kept.
    private static EncodedDecisions WriteDecisions(ref CompactWriter writer, List<DecisionRecord> decisions, byte layout, EncodedDecisions? kept)
    {
        writer.UInt((ulong)decisions.Count);
        kept ??= new EncodedDecisions();
        var reused = kept.Replay(ref writer, decisions, layout);
        var (start, sharedStart) = (writer.Length, writer.SharedCount);
        for (var i = reused; i < decisions.Count; i++)
        {
            WriteDecision(ref writer, decisions[i], layout);
            kept.Append(decisions[i], writer.Length, writer.SharedCount);
        }

        if (reused < decisions.Count) kept.Keep(in writer, start, sharedStart);
        return kept;
    }

    private static void WriteDecision(ref CompactWriter writer, DecisionRecord d, byte layout)
    {
        writer.RequiredString(d.OpportunityId, "Decision.OpportunityId");
        writer.Time(d.Time);
        writer.Byte(StoredCodes.Of(d.Kind));
        writer.Bool(d.Send);
        writer.String(d.MessageId);
        writer.Byte(d.Channel is { } channel ? (byte)(StoredCodes.Of(channel) + 1) : (byte)0);
        writer.RequiredSharedString(d.Reason, "Decision.Reason");
        writer.Double(d.Propensity);
        writer.RequiredSharedString(d.PlanWeek, "Decision.PlanWeek");
        writer.RequiredSharedString(d.Arm, "Decision.Arm");
        writer.SharedString(d.Category);
        writer.NullableDouble(d.Relevance);
        writer.NullableDouble(d.HoursSinceCategory);
        writer.NullableDouble(d.HoursToExpiry);
        writer.Bool(d.Engaged);
        writer.SharedString(d.RankerVersion);
        if (layout < Version7) return;
        writer.NullableDouble(d.SendProbability);
        writer.Byte(d.HeldChannel is { } held ? (byte)(StoredCodes.Of(held) + 1) : (byte)0);
        writer.SharedString(d.RankingArm);
        if (layout < Version8) return;
        writer.Bool(d.Played);
        writer.NullableDouble(d.BestSendProbability);
        if (layout < Version10) return;
        writer.Bool(d.RankerDuel);
    }

    private static List<DecisionRecord> ReadDecisions(ref CompactReader reader, byte version)
    {
        var count = reader.Count();
        var decisions = new List<DecisionRecord>(count);
        for (var i = 0; i < count; i++)
        {
            decisions.Add(new DecisionRecord
            {
                OpportunityId = reader.RequiredString(),
                Time = reader.Time(),
                Kind = StoredCodes.Kind(reader.Byte()),
                Send = reader.Bool(),
                MessageId = reader.String(),
                Channel = reader.Byte() is var channel and > 0 ? StoredCodes.Channel((byte)(channel - 1)) : null,
                Reason = reader.RequiredSharedString(),
                Propensity = reader.Double(),
                PlanWeek = reader.RequiredSharedString(),
                Arm = reader.RequiredSharedString(),
                Category = reader.SharedString(),
                Relevance = reader.NullableDouble(),
                HoursSinceCategory = reader.NullableDouble(),
                HoursToExpiry = reader.NullableDouble(),
                Engaged = reader.Bool(),
                RankerVersion = reader.SharedString(),
                SendProbability = version >= Version7 ? reader.NullableDouble() : null,
                HeldChannel = version >= Version7 && reader.Byte() is var held and > 0 ? StoredCodes.Channel((byte)(held - 1)) : null,
                RankingArm = version >= Version7 ? reader.SharedString() : null,
                Played = version >= Version8 && reader.Bool(),
                BestSendProbability = version >= Version8 ? reader.NullableDouble() : null,
                RankerDuel = version >= Version10 && reader.Bool(),
            });
        }

        return decisions;
    }

    private static void WriteDictionary(ref CompactWriter writer, IReadOnlyDictionary<string, double> values)
    {
        writer.UInt((ulong)values.Count);
        // Every dictionary a state holds is a Dictionary, whose enumerator, unlike the interface's, is not boxed.
        if (values is Dictionary<string, double> dictionary)
        {
            foreach (var (name, value) in dictionary) Entry(ref writer, name, value);
            return;
        }

        foreach (var (name, value) in values) Entry(ref writer, name, value);

        static void Entry(ref CompactWriter writer, string name, double value)
        {
            writer.String(name);
            writer.Double(value);
        }
    }

    private static Dictionary<string, double> ReadDictionary(ref CompactReader reader)
    {
        var count = reader.Count();
        var values = new Dictionary<string, double>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++) values[reader.RequiredString()] = reader.Double();
        return values;
    }

    // Null is written as 0, an array of n values as n + 1.
    private static void WriteDoubles(ref CompactWriter writer, double[]? values)
    {
        writer.UInt(values is null ? 0 : (ulong)values.Length + 1);
        foreach (var value in values ?? []) writer.Double(value);
    }

    private static double[]? ReadDoubles(ref CompactReader reader)
    {
        var prefix = reader.UInt();
        if (prefix == 0) return null;
        if (prefix - 1 > (ulong)reader.Remaining / sizeof(double))
        {
            throw new InvalidDataException($"Member state is malformed: {prefix - 1} numbers announced with {reader.Remaining} bytes left.");
        }

        var values = new double[prefix - 1];
        for (var i = 0; i < values.Length; i++) values[i] = reader.Double();
        return values;
    }

}
