using NotificationActors.Abstractions.Members;
using NotificationActors.Policy.Time;

namespace NotificationActors.Learning.Tests;

/// <summary>The fast policy's decisions as the learning log keeps them, for logs a causal ranker is trained on.</summary>
internal static class SendCoinDecisions
{
    /// <summary>Member <paramref name="member"/>'s push at noon on <paramref name="day"/> of <paramref name="week"/>, sent or held on a coin of <paramref name="p"/>.</summary>
    public static DecisionRecord Daily(int member, IsoWeek week, int day, double p, bool send, bool engaged, bool played, string category, string arm = "hierarchical") => new()
    {
        OpportunityId = $"o-{member}-{day}",
        Time = week.Start.AddDays(day).AddHours(12),
        Kind = OpportunityType.Daily,
        Send = send,
        MessageId = send ? $"msg-{member}-{day}" : null,
        Channel = send ? MessageChannel.Push : null,
        HeldChannel = send ? null : MessageChannel.Push,
        Reason = send ? "selected" : "pacing",
        Propensity = send ? p : 1 - p,
        SendProbability = p,
        BestSendProbability = send ? p : null,
        Engaged = engaged,
        Played = played,
        PlanWeek = week.ToString(),
        Arm = arm,
        Category = category,
        Relevance = 0.5,
    };
}
