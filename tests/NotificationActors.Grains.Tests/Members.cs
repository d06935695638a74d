using NotificationActors.Policy.Slow;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Policies;
using Microsoft.Extensions.Options;
using NotificationActors.Grains.Experiments;
using NotificationActors.Grains.Members;

namespace NotificationActors.Grains.Tests;

/// <summary>Builders for test members and requests.</summary>
internal static class Members
{
    private static readonly PolicyEngine Engine = new(new MemberGrainOptions
    {
        Arms = [new ArmOptions { Name = "hierarchical", Share = 0.5 }, new ArmOptions { Name = "baseline", Share = 0.5, Policy = ArmPolicy.Baseline }],
    }, new ParametricRewardModel());

    /// <summary>A fresh member id on the given arm of the fixture's 50/50 allocation.</summary>
    public static string OnArm(string arm)
    {
        while (true)
        {
            var id = "m-" + Guid.NewGuid().ToString("N")[..12];
            if (Engine.Assign(id).Name == arm) return id;
        }
    }

    public static CandidateMessage Message(string id, MessageChannel channel = MessageChannel.Push, double relevance = 0.5, string category = "new-release", MessagePriorityLevel priority = MessagePriorityLevel.Normal) =>
        new() { MessageId = id, Channel = channel, Category = category, TitleId = "t-" + id, Relevance = relevance, Priority = priority };

    public static SendOpportunity Opportunity(string id, DateTimeOffset time, params CandidateMessage[] candidates) =>
        new() { OpportunityId = id, Time = time, Candidates = candidates };

    /// <summary>A member the platform has told of (default preferences): reads never create one.</summary>
    public static async Task<IMemberGrain> Joined(IGrainFactory grains, string id)
    {
        var member = grains.GetGrain<IMemberGrain>(id);
        await member.SetPreferences(new MemberPreferences());
        return member;
    }
}
