using NotificationActors.Learning.Artefacts;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Training;

/// <summary>
/// Checks that the utility a model yields, U = sum_k w_k Reward_k - c sends - sum_ch cost_ch P(opt-out_ch), is
/// concave along each frequency axis for a sample of members (docs/policy.md: concavity is what keeps the
/// argmax off the maximum frequency). A positive second difference means another message starts paying more.
/// </summary>
internal static class ConcavityCheck
{
    // Second differences below this are rounding, not shape.
    private const double Tolerance = 1e-9;

    public static ConcavityReport Run(IRewardModel model, IReadOnlyList<MemberFeatures> members, ActionGrid grid, SlowPolicyOptions options)
    {
        var policy = new SlowPolicy(grid, model, options);
        var workspace = policy.CreateWorkspace();
        int pushBad = 0, emailBad = 0;
        var largest = 0.0;
        foreach (var member in members)
        {
            policy.Evaluate(member, ChannelSet.All, workspace);
            var pushViolation = Violation(workspace.Utilities, grid, alongPush: true);
            var emailViolation = Violation(workspace.Utilities, grid, alongPush: false);
            if (pushViolation > 0) pushBad++;
            if (emailViolation > 0) emailBad++;
            largest = Math.Max(largest, Math.Max(pushViolation, emailViolation));
        }

        var where = new List<string>();
        if (pushBad > 0) where.Add($"push frequency for {pushBad} of {members.Count} members");
        if (emailBad > 0) where.Add($"email frequency for {emailBad} of {members.Count} members");
        return new ConcavityReport
        {
            MembersChecked = members.Count,
            PushNonConcaveShare = members.Count == 0 ? 0 : pushBad / (double)members.Count,
            EmailNonConcaveShare = members.Count == 0 ? 0 : emailBad / (double)members.Count,
            LargestViolation = largest,
            Where = where.Count == 0 ? "" : "not concave in " + string.Join(" and ", where),
        };
    }

    // The largest rise in slope along one axis, per unit frequency, so uneven level grids compare.
    private static double Violation(ReadOnlySpan<double> utility, ActionGrid grid, bool alongPush)
    {
        var push = grid.PushLevels;
        var email = grid.EmailLevels;
        var emailCount = email.Length;
        var axis = alongPush ? push : email;
        var other = alongPush ? email : push;
        var worst = 0.0;
        for (var o = 0; o < other.Length; o++)
        {
            for (var i = 1; i < axis.Length - 1; i++)
            {
                var (before, at, after) = (utility[Index(i - 1)], utility[Index(i)], utility[Index(i + 1)]);
                var left = (at - before) / (axis[i] - axis[i - 1]);
                var right = (after - at) / (axis[i + 1] - axis[i]);
                worst = Math.Max(worst, right - left - Tolerance);

                // Actions are push-major: index = push level * email levels + email level.
                int Index(int level) => alongPush ? (level * emailCount) + o : (o * emailCount) + level;
            }
        }

        return Math.Max(0, worst);
    }
}
