using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;
using NotificationActors.Policy.Time;

namespace NotificationActors.Policy.Tests.Support;

/// <summary>
/// Drives one member through one week of send opportunities arriving as a Poisson process, each with
/// candidates on the given channels, and counts what the fast policy sent per channel.
/// </summary>
internal sealed class WeekSimulator
{
    public static readonly IsoWeek Week = IsoWeek.Parse("2026-W48");

    private readonly FastPolicy _policy;

    public WeekSimulator(FastPolicy? policy = null) => _policy = policy ?? new FastPolicy();

    public int MaxSentAtAnyPoint { get; private set; }

    /// <summary>The relevance of every normal message sent, summed over the runs.</summary>
    public double SentRelevance { get; private set; }

    public ChannelCounts Run(MemberContext member, Random random, double opportunitiesPerWeek, Func<Random, int, Candidate[]> candidatesAt, Func<Random, OpportunityKind>? kindOf = null)
    {
        member.WeekEnd = Week.End;
        member.Sent = default;
        var time = Week.Start;
        var opportunity = 0;
        while (true)
        {
            time = time.AddHours(-Math.Log(1 - random.NextDouble()) * 168 / opportunitiesPerWeek);
            if (time >= Week.End)
            {
                return member.Sent;
            }

            var candidates = candidatesAt(random, opportunity++);
            var decision = _policy.Decide(member, time, kindOf?.Invoke(random) ?? OpportunityKind.Daily, candidates, random);
            if (decision.Send && candidates[decision.CandidateIndex].Priority == MessagePriority.Normal)
            {
                member.Sent = member.Sent.Increment(decision.Channel);
                SentRelevance += candidates[decision.CandidateIndex].Relevance;
                MaxSentAtAnyPoint = Math.Max(MaxSentAtAnyPoint, Math.Max(member.Sent.InApp, Math.Max(member.Sent.Push, member.Sent.Email)));
            }
        }
    }

    public static Candidate Message(Channel channel, int opportunity, double relevance = 0.5, MessagePriority priority = MessagePriority.Normal, string category = "new-release") =>
        new($"m-{opportunity}-{channel}", channel, category, $"t-{opportunity}-{channel}", relevance, priority, DateTimeOffset.MaxValue);
}
