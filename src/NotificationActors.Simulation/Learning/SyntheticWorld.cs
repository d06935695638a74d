using NotificationActors.Abstractions.Learning;
using NotificationActors.Abstractions.Members;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;

namespace NotificationActors.Simulation.Learning;

/// <summary>
/// A learning log whose truth is known, for testing and benchmarking what learns from the log: each member's
/// engaged days respond to the week's pushes and emails along a curve that rises and then falls, the week after keeps part of
/// the lift and pays for the volume, and each channel's opt-out is logistic in its frequency and the member's
/// dismiss rate. Records are written as the member grain writes them, in member then week order.
/// </summary>
public static class SyntheticWorld
{
    /// <summary>Most pushes a week an explored plan draws.</summary>
    public const int MaxPush = 13;

    /// <summary>Most emails a week an explored plan draws.</summary>
    public const int MaxEmail = 6;

    /// <summary>The world's actions, 0 to <see cref="MaxPush"/> pushes by 0 to <see cref="MaxEmail"/> emails: what models trained on its log plan over.</summary>
    public static ActionGrid Grid { get; } = ActionGrid.Uniform(MaxPush, MaxEmail);

    private const int Actions = (MaxPush + 1) * (MaxEmail + 1);

    /// <summary>A member drawn from the world's population.</summary>
    public static MemberFeatures Member(Random random) => new()
    {
        EngagedDaysPerWeek = 0.5 + (5.5 * random.NextDouble()),
        TenureWeeks = 1 + (200 * random.NextDouble()),
        PushOpenRate = 0.05 + (0.35 * random.NextDouble()),
        EmailOpenRate = 0.02 + (0.28 * random.NextDouble()),
        DismissRate = 0.3 * random.NextDouble(),
        RecentPushPerWeek = 5 * random.NextDouble(),
        RecentEmailPerWeek = 3 * random.NextDouble(),
    };

    /// <summary><paramref name="count"/> members drawn from the population with <paramref name="seed"/>: fresh members to judge models on.</summary>
    public static MemberFeatures[] Members(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Member(random))];
    }

    /// <summary>
    /// Expected engaged days in the planned week: a saturating lift from the week's messages, less an annoyance that
    /// grows with their square and is felt most by the members who watch most, so the curve rises and then falls, as
    /// real members' does (a heavy viewer's soonest). A model whose curves can only rise cannot find the peak.
    /// </summary>
    public static double Engagement(in MemberFeatures m, int push, int email)
    {
        var pushResponse = 0.5 + (2.5 * m.PushOpenRate);
        var emailResponse = 0.5 + (2.5 * m.EmailOpenRate);
        var headroom = 0.45 * (7 - m.EngagedDaysPerWeek);
        var annoyance = (0.001 + (0.007 * m.EngagedDaysPerWeek / 7)) * ((push * push) + (2 * email * email));
        return Math.Max(0, m.EngagedDaysPerWeek + (headroom * (1 - Math.Exp(-((0.12 * push * pushResponse) + (0.2 * email * emailResponse))))) - annoyance);
    }

    /// <summary>
    /// Chance the member opens a push: the lift in <see cref="Engagement"/> is 0.6 times the week's expected opens, so
    /// opens carry, with far less noise than engaged days, who messages reach.
    /// </summary>
    public static double PushOpenChance(in MemberFeatures m) => 0.12 * (0.5 + (2.5 * m.PushOpenRate)) / 0.6;

    /// <summary>Chance the member opens an email (<see cref="PushOpenChance"/>).</summary>
    public static double EmailOpenChance(in MemberFeatures m) => 0.2 * (0.5 + (2.5 * m.EmailOpenRate)) / 0.6;

    /// <summary>Chance an opened message leads to a play.</summary>
    public const double PlayGivenOpen = 0.5;

    /// <summary>What the week's action adds to the next week's expected engaged days: some lift kept, volume paid for.</summary>
    public static double CarryOver(in MemberFeatures m, int push, int email) =>
        (0.3 * (Engagement(m, push, email) - m.EngagedDaysPerWeek)) - (0.02 * (push + email));

    /// <summary>What a plan is truly worth to the member under the slow policy's utility with <paramref name="options"/>' costs.</summary>
    public static double Utility(in MemberFeatures m, PacingAction action, SlowPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Engagement(m, action.Push, action.Email)
            + CarryOver(m, action.Push, action.Email)
            - (options.MessageCost * action.Sends)
            - (options.PushOptOutCost * OptOut(m, action.Push, MessageChannel.Push))
            - (options.EmailOptOutCost * OptOut(m, action.Email, MessageChannel.Email));
    }

    /// <summary>Probability the member opts out of <paramref name="channel"/> in a week with <paramref name="frequency"/> messages on it.</summary>
    public static double OptOut(in MemberFeatures m, int frequency, MessageChannel channel) => channel == MessageChannel.Push
        ? Sigmoid(-6.5 + (0.35 * frequency) + (3 * m.DismissRate))
        : Sigmoid(-7 + (0.4 * frequency) + (3 * m.DismissRate));

    /// <summary>
    /// What in-app messages do in a world that has them: a lift saturating in the week's cap, largest for the members with
    /// the most idle days, less a nuisance per message felt most by those who dismiss. The rule caps every week at
    /// <see cref="RuleCap"/>; an explored week draws its cap uniformly from 0 to <see cref="MaxCap"/>, as the product does.
    /// </summary>
    /// <param name="Lift">Engaged days a member with no engaged days would gain at saturation.</param>
    /// <param name="Nuisance">Engaged days each in-app message costs a member with the usual dismiss rate (0.1).</param>
    public sealed record InAppTruth(double Lift, double Nuisance)
    {
        /// <summary>Highest cap a week draws: the product's default.</summary>
        public const int MaxCap = InAppOptions.DefaultMaxPerWeek;

        /// <summary>The logging rule's cap.</summary>
        public const int RuleCap = 2;

        /// <summary>What <paramref name="cap"/> in-app messages add to the member's expected engaged days in the week.</summary>
        public double Engagement(in MemberFeatures m, int cap) =>
            (Lift * (7 - m.EngagedDaysPerWeek) / 7 * (1 - Math.Exp(-0.4 * cap))) - (Nuisance * (0.5 + (5 * m.DismissRate)) * cap);
    }

    /// <summary>Levels per channel either side of the rule's action that local exploration draws from: the product's push radius, on both channels of this log.</summary>
    public const int LocalRadius = 2;

    /// <summary>
    /// Lazily, <paramref name="members"/> members for <paramref name="weeks"/> consecutive weeks from 2026-W10, in member then
    /// week order; a share <paramref name="exploration"/> of weeks is explored, the rest follow a rule. An explored week draws
    /// its action uniformly from the grid with chance <paramref name="uniformShare"/>, otherwise uniformly from the actions
    /// within <see cref="LocalRadius"/> levels of the rule's, as the product explores (over the whole grid, where the
    /// product's uniform weeks keep to a box and its email explores one level).
    /// With <paramref name="inApp"/>, every week has an in-app cap and the members respond to it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="uniformShare"/> is outside [0, 1] (when enumerated).</exception>
    public static IEnumerable<MemberWeekRecord> Log(int members, int weeks, double exploration, int seed, double uniformShare = 1, InAppTruth? inApp = null)
    {
        if (uniformShare is < 0 or > 1 || double.IsNaN(uniformShare)) throw new ArgumentOutOfRangeException(nameof(uniformShare), uniformShare, "The uniform share of exploration must be in [0, 1].");
        var random = new Random(seed);

        // The sends and the opens and plays draw from their own streams, so the plans and outcomes above do not depend on them.
        var sends = new Random(seed + 1);
        var responses = new Random(seed + 2);
        var caps = new Random(seed + 3);
        for (var i = 0; i < members; i++)
        {
            var member = Member(random);
            var (previousPush, previousEmail) = (-1, -1);
            var lastSent = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            for (var w = 0; w < weeks; w++)
            {
                var explored = random.NextDouble() < exploration;
                var rule = LoggingRule(member);
                var (push, email) = !explored ? rule
                    : uniformShare >= 1 || random.NextDouble() < uniformShare ? (random.Next(MaxPush + 1), random.Next(MaxEmail + 1))
                    : Near(random, rule);
                int? cap = inApp is null ? null : explored ? caps.Next(InAppTruth.MaxCap + 1) : InAppTruth.RuleCap;
                var expected = Engagement(member, push, email) + (inApp?.Engagement(member, cap!.Value) ?? 0)
                    + (previousPush < 0 ? 0 : CarryOver(member, previousPush, previousEmail));
                var optedOut = new List<MessageChannel>();
                if (random.NextDouble() < OptOut(member, push, MessageChannel.Push)) optedOut.Add(MessageChannel.Push);
                if (random.NextDouble() < OptOut(member, email, MessageChannel.Email)) optedOut.Add(MessageChannel.Email);
                var week = $"2026-W{10 + w:D2}";
                yield return Record(week: week, member: $"m-{i:D6}", features: member, push: push, email: email, engagedDays: Binomial(random, 7, Math.Clamp(expected / 7, 0, 1)),
                    explored: explored, propensity: LoggingPropensity(member, push, email, exploration, uniformShare), optedOut: optedOut) with
                {
                    Decisions = Sends(sends, IsoWeek.Parse(week).Start, push, email, week, lastSent),
                    Outcomes = Responses(responses, member, push, email),
                    PlanInApp = cap,
                    Sent = new ChannelCountsView { Push = push, Email = email, InApp = cap ?? 0 },
                };
                (previousPush, previousEmail) = (push, email);
            }
        }
    }

    // The week's opens and plays per channel, keyed as the member grain counts them.
    private static Dictionary<string, int> Responses(Random random, in MemberFeatures member, int push, int email)
    {
        var pushOpens = Binomial(random, push, PushOpenChance(member));
        var emailOpens = Binomial(random, email, EmailOpenChance(member));
        return new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["push.opened"] = pushOpens,
            ["email.opened"] = emailOpens,
            ["push.played"] = Binomial(random, pushOpens, PlayGivenOpen),
            ["email.played"] = Binomial(random, emailOpens, PlayGivenOpen),
        };
    }

    /// <summary>Categories of the synthetic messages, with their own appeal (<see cref="SendEngagement"/>).</summary>
    public static IReadOnlyList<string> Categories { get; } = ["new-release", "continue-watching", "recommendation", "promotion"];

    // Each category's own appeal, added to the chance of engagement.

    private static readonly Dictionary<string, double> CategoryAppeal = new(StringComparer.Ordinal)
    {
        ["new-release"] = 0.05, ["continue-watching"] = 0.08, ["recommendation"] = 0, ["promotion"] = -0.03,
    };

    /// <summary>
    /// Chance the member opens a message within a day: rises with the title's relevance, is lower on email, and
    /// depends on how rested the member is from the category (<see cref="BanditFeatures.Recovering"/>).
    /// </summary>
    public static double SendEngagement(double relevance, MessageChannel channel, string category, TimeSpan? rest) =>
        Math.Clamp(0.04 + (0.35 * relevance) + (0.12 * BanditFeatures.Recovering(rest)) + (channel == MessageChannel.Email ? -0.03 : 0)
            + CategoryAppeal[category], 0, 1);

    // The week's sends spread evenly over it, each with a random category and relevance, and its outcome drawn.
    private static List<DecisionRecord> Sends(Random random, DateTimeOffset weekStart, int push, int email, string week, Dictionary<string, DateTimeOffset> lastSent)
    {
        var total = push + email;
        var decisions = new List<DecisionRecord>(total);
        for (var k = 0; k < total; k++)
        {
            var time = weekStart + TimeSpan.FromDays(7 * (k + 0.5) / total);
            var channel = k < push ? MessageChannel.Push : MessageChannel.Email;
            var category = Categories[random.Next(Categories.Count)];
            var relevance = random.NextDouble();
            TimeSpan? rest = lastSent.TryGetValue(category, out var last) ? time - last : null;
            lastSent[category] = time;
            decisions.Add(new DecisionRecord
            {
                OpportunityId = $"{week}-{k}",
                Time = time,
                Kind = OpportunityType.Daily,
                Send = true,
                MessageId = $"{week}-{k}",
                Channel = channel,
                Reason = "selected",
                Propensity = 1,
                PlanWeek = week,
                Arm = "hierarchical",
                Category = category,
                Relevance = relevance,
                HoursSinceCategory = rest?.TotalHours,
                Engaged = random.NextDouble() < SendEngagement(relevance, channel, category, rest),
            });
        }

        return decisions;
    }

    /// <summary>The action the logging policy takes when it does not explore: more pushes for members who open them.</summary>
    public static (int Push, int Email) LoggingRule(in MemberFeatures member) => ((int)Math.Round(2 + (10 * member.PushOpenRate)), 2);

    /// <summary>
    /// The logging policy's exact probability of an action: exploration with probability <paramref name="exploration"/>
    /// (uniform over the grid with chance <paramref name="uniformShare"/>, else near the rule's action), the rule
    /// otherwise (whose action exploration can also draw).
    /// </summary>
    public static double LoggingPropensity(in MemberFeatures member, int push, int email, double exploration, double uniformShare = 1)
    {
        var rule = LoggingRule(member);
        var near = Math.Abs(push - rule.Push) <= LocalRadius && Math.Abs(email - rule.Email) <= LocalRadius ? (1 - uniformShare) / NearCount(rule) : 0;
        return (exploration * ((uniformShare / Actions) + near)) + ((push, email) == rule ? 1 - exploration : 0);
    }

    // An action drawn uniformly from those within LocalRadius levels of the rule's, inside the grid.
    private static (int Push, int Email) Near(Random random, (int Push, int Email) rule)
    {
        var (pushLow, pushHigh, emailLow, emailHigh) = NearWindow(rule);
        return (random.Next(pushLow, pushHigh + 1), random.Next(emailLow, emailHigh + 1));
    }

    private static int NearCount((int Push, int Email) rule)
    {
        var (pushLow, pushHigh, emailLow, emailHigh) = NearWindow(rule);
        return (pushHigh - pushLow + 1) * (emailHigh - emailLow + 1);
    }

    // The levels within LocalRadius of the rule's action, inside the grid, bounds included.
    private static (int PushLow, int PushHigh, int EmailLow, int EmailHigh) NearWindow((int Push, int Email) rule) =>
        (Math.Max(0, rule.Push - LocalRadius), Math.Min(MaxPush, rule.Push + LocalRadius),
         Math.Max(0, rule.Email - LocalRadius), Math.Min(MaxEmail, rule.Email + LocalRadius));

    /// <summary>One member-week as the member grain logs it.</summary>
    public static MemberWeekRecord Record(string member, string week, in MemberFeatures features, int? push, int? email, int engagedDays,
        bool explored = true, double propensity = 0.5, List<MessageChannel>? optedOut = null) => new()
    {
        MemberId = member,
        Week = week,
        Arm = "hierarchical",
        Policy = "hierarchical",
        ModelVersion = "synthetic",
        PlanPush = push,
        PlanEmail = email,
        Pacing = "uniform",
        Propensity = propensity,
        Explored = explored,
        UtilityTerms = new Dictionary<string, double>(),
        Features = features.Describe(),
        Decisions = [],
        Sent = new ChannelCountsView { Push = push ?? 0, Email = email ?? 0 },
        Outcomes = new Dictionary<string, int>(),
        EngagedDays = engagedDays,
        ActivityMinutes = engagedDays * 40,
        OptedOut = optedOut ?? [],
    };

    private static int Binomial(Random random, int trials, double p)
    {
        var successes = 0;
        for (var d = 0; d < trials; d++)
        {
            if (random.NextDouble() < p) successes++;
        }

        return successes;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
