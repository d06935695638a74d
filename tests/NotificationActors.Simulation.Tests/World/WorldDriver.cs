using System.Text;
using NotificationActors.Abstractions.Members;
using NotificationActors.Simulation.World;

namespace NotificationActors.Simulation.Tests.World;

/// <summary>Drives members through days the way the experiment runner will, with simple stand-in policies.</summary>
internal static class WorldDriver
{
    /// <summary>A Monday, the start of ISO week 2026-W10.</summary>
    public static readonly DateOnly Monday = new(2026, 3, 2);

    public static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>
    /// One day through the world's own opportunities: each opportunity sends its most relevant candidate on a channel
    /// whose share of the week's plan is not used up by the day's end (an even spread). Appends a trace of what happened.
    /// </summary>
    public static DayOutcome Day(SimulatedMember member, DateOnly day, int dayOfWeek, int push, int email, StringBuilder? trace = null, int inApp = 0)
    {
        var opportunities = member.OpportunitiesOn(day);
        var pushToday = Allowance(push, dayOfWeek);
        var emailToday = Allowance(email, dayOfWeek);
        var inAppToday = Allowance(inApp, dayOfWeek);
        foreach (var opportunity in opportunities)
        {
            trace?.Append(opportunity.OpportunityId).Append(':').Append(opportunity.Candidates.Count).Append(' ');
            OfferedMessage? chosen = null;
            foreach (var candidate in opportunity.Candidates.OrderByDescending(c => c.Relevance).ThenBy(c => c.MessageId, StringComparer.Ordinal))
            {
                var left = candidate.Channel switch { MessageChannel.Push => pushToday, MessageChannel.Email => emailToday, _ => inAppToday };
                if (left > 0)
                {
                    chosen = candidate;
                    break;
                }
            }

            if (chosen is not { } message) continue;
            switch (message.Channel)
            {
                case MessageChannel.Push: pushToday--; break;
                case MessageChannel.Email: emailToday--; break;
                default: inAppToday--; break;
            }

            var outcome = member.Deliver(message, opportunity.Time);
            trace?.Append(message.MessageId).Append('=').Append(outcome).Append(' ');
        }

        var result = member.EndOfDay(day);
        trace?.Append(day).Append(result.Engaged ? " engaged " : " idle ").Append(string.Join(",", result.Activity.Select(a => $"{a.EventId}@{a.Time:O}/{a.Minutes}"))).AppendLine();
        return result;
    }

    /// <summary>Engaged days per week over <paramref name="weeks"/> weeks of a constant plan through the world's opportunities.</summary>
    public static int[] Weeks(SimulatedMember member, DateOnly first, int weeks, int push, int email, StringBuilder? trace = null, int inApp = 0)
    {
        var engaged = new int[weeks];
        for (var w = 0; w < weeks; w++)
        {
            for (var d = 0; d < 7; d++)
            {
                if (Day(member, first.AddDays((7 * w) + d), d, push, email, trace, inApp).Engaged) engaged[w]++;
            }
        }

        return engaged;
    }

    /// <summary>
    /// Engaged days per week of a plan sent exactly as the oracle assumes: n = push + email sends at the oracle's even
    /// times, channels interleaved evenly, each the best-tasting of one to four candidates drawn by catalogue share, and
    /// up to <paramref name="inAppCap"/> in-app messages a week at the sessions that offer one, paced as the oracle
    /// assumes from the week's starting <paramref name="activity"/>. Opportunities are still drawn (organic activity
    /// and sessions), but push and email do not depend on them.
    /// </summary>
    public static int[] ExactWeeks(SimulatedWorld world, SimulatedMember member, DateOnly first, int weeks, int push, int email, int inAppCap = 0, double activity = 0)
    {
        var options = world.Options;
        var shares = options.Categories.Select(c => c.Weight).ToArray();
        var random = new Random(member.Index);
        var engaged = new int[weeks];
        var sends = push + email;
        var bandStart = options.SlotEarliestHour;
        var band = options.SlotLatestHour + 1 - options.SlotEarliestHour;
        for (var w = 0; w < weeks; w++)
        {
            var k = 0;
            var inApp = 0;
            for (var d = 0; d < 7; d++)
            {
                var day = first.AddDays((7 * w) + d);
                var messages = new List<(DateTimeOffset Time, MessageChannel Channel, OpportunityType Kind)>();
                var sessions = member.OpportunitiesOn(day).Where(o => o.Kind == OpportunityType.Session).ToList();
                for (var s = 0; s < sessions.Count && inAppCap > 0; s++)
                {
                    // Sessions still expected after this one: the rest of the week's days, and today's second unless this is it.
                    var sessionsLeft = ((6 - d) * (1 + options.SecondSessionProbability)) + (s == 0 ? options.SecondSessionProbability : 0);
                    if (sessions[s].Candidates.Any(c => c.Channel == MessageChannel.InApp) && random.NextDouble() < member.InAppPacing(activity, inAppCap - inApp, sessionsLeft))
                    {
                        messages.Add((sessions[s].Time, MessageChannel.InApp, OpportunityType.Session));
                        inApp++;
                    }
                }

                for (; k < sends; k++)
                {
                    var x = 7.0 * (k + 0.5) / sends;
                    if ((int)Math.Floor(x) != d) break;
                    var isPush = (long)(k + 1) * push / sends > (long)k * push / sends;
                    messages.Add((Start(day).AddHours(bandStart + ((x - d) * band)), isPush ? MessageChannel.Push : MessageChannel.Email, OpportunityType.Daily));
                }

                foreach (var (time, channel, kind) in messages.OrderBy(m => m.Time))
                {
                    member.Deliver(member.Compose(channel, BestOf(member, shares, random), time, kind), time);
                }

                if (member.EndOfDay(day).Engaged) engaged[w]++;
            }
        }

        return engaged;
    }

    private static int BestOf(SimulatedMember member, double[] shares, Random random)
    {
        var count = random.Next(1, 5);
        var best = -1;
        for (var i = 0; i < count; i++)
        {
            var c = Weighted(shares, random);
            if (best < 0 || member.Traits.Taste[c] > member.Traits.Taste[best]) best = c;
        }

        return best;
    }

    private static int Weighted(double[] weights, Random random)
    {
        var u = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0) return i;
        }

        return weights.Length - 1;
    }

    // Sends allowed by the end of day d of the week for an even spread of n, minus those due before it.
    private static int Allowance(int n, int d) => (n * (d + 1) / 7) - (n * d / 7);
}
