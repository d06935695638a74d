using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Models;

/// <summary>
/// The features the learned models are linear in. A member becomes a short vector of scaled traits (with a
/// constant first); a week's frequencies become, per channel, a concave rise log(1+f) and a square (f/7)^2 that lets
/// the curve turn down, plus the channels' interaction log(1+push) log(1+email) (docs/policy.md). Real members'
/// engagement rises with the first messages and falls past a point that depends on the member; with the rise
/// alone a fit on explored weeks (most of them at high frequencies) flattened the curve and planned far too few
/// messages. Every basis is crossed with every member trait, so each member gets their own curve while the
/// ridge penalty shrinks the trait-specific parts toward the population's (the constant trait's) curve.
/// sqrt f is left out: on 0..13 it is nearly collinear with log(1+f).
/// The week's in-app cap has bases of its own (log(1+i), (i/7)^2, and log(1+i) log(1+push+email) for in-app messages
/// standing in for pushes and emails): explored weeks draw it uniformly (<see cref="SlowPolicy.PlanInApp"/>), so what
/// in-app messages are worth is learned as push and email's are. Planning evaluates the grid at no in-app messages and,
/// when the in-app bases predicted held-out weeks better, sets the cap from their gain (<see cref="LearnedRewardModel.InAppGains"/>).
/// Only the vectors' lengths are public, for building a <see cref="LearnedRewardModel"/> outside this assembly.
/// </summary>
public static class RewardBasis
{
    /// <summary>Names of the member traits, in vector order.</summary>
    internal static readonly string[] MemberTraits =
    [
        "constant", "engagedDaysPerWeek", "logTenureWeeks", "pushOpenRate", "emailOpenRate", "dismissRate", "recentPushPerWeek", "recentEmailPerWeek",
        "inAppOpenRate", "recentInAppPerWeek", "openRateTrend", "recentOptOut", "daysSinceEngaged",
    ];

    /// <summary>Names of the frequency bases of the reward models, in vector order.</summary>
    internal static readonly string[] RewardBases =
        ["log1pPush", "pushSquared", "log1pEmail", "emailSquared", "log1pPushLog1pEmail", "log1pInApp", "inAppSquared", "log1pInAppLog1pPushEmail"];

    /// <summary>How many of <see cref="RewardBases"/> are functions of one channel's frequency: push's first, then email's.</summary>
    internal const int ChannelBases = 2;

    /// <summary>Index in <see cref="RewardBases"/> of the first in-app basis; the push and email bases come before it.</summary>
    internal const int InAppBasis = (2 * ChannelBases) + 1;

    /// <summary>The bases of versions trained before the in-app cap was learned: their cards load with no in-app curve.</summary>
    internal static ReadOnlySpan<string> PushEmailBases => RewardBases.AsSpan(0, InAppBasis);

    /// <summary>Names of one channel's frequency bases in its opt-out model: rising, and rising faster.</summary>
    internal static readonly string[] OptOutBases = ["frequency", "frequencySquared"];

    internal static int MemberLength => MemberTraits.Length;

    /// <summary>Length of a reward model's feature vector: traits, then traits x bases.</summary>
    public static int RewardLength => MemberTraits.Length * (1 + RewardBases.Length);

    /// <summary>Length of its push and email part, which the in-app bases' features follow: all of a card's from before in-app caps were learned.</summary>
    internal static int PushEmailRewardLength => MemberTraits.Length * (1 + InAppBasis);

    /// <summary>Length of an opt-out model's feature vector: traits, then traits x the channel's bases.</summary>
    public static int OptOutLength => MemberTraits.Length * (1 + OptOutBases.Length);

    // Scales keep every trait near [0, 1], so the trainers converge and the weights compare.
    internal static void Member(in MemberFeatures member, Span<double> traits)
    {
        traits[0] = 1;
        traits[1] = member.EngagedDaysPerWeek / 7;
        traits[2] = Math.Log(1 + member.TenureWeeks) / 5;
        traits[3] = member.PushOpenRate;
        traits[4] = member.EmailOpenRate;
        traits[5] = member.DismissRate;
        traits[6] = member.RecentPushPerWeek / 7;
        traits[7] = member.RecentEmailPerWeek / 7;
        traits[8] = member.InAppOpenRate;
        traits[9] = member.RecentInAppPerWeek / 7;
        traits[10] = member.OpenRateTrend;
        traits[11] = member.RecentOptOut;
        traits[12] = member.DaysSinceEngaged / MemberFeatures.MaxDaysSinceEngaged;
    }

    internal static void Rewards(double push, double email, double inApp, Span<double> bases)
    {
        Channel(push, bases[..ChannelBases]);
        Channel(email, bases.Slice(ChannelBases, ChannelBases));
        bases[2 * ChannelBases] = bases[0] * bases[ChannelBases];
        InApp(inApp, push + email, bases[InAppBasis..]);
    }

    /// <summary>The in-app bases at <paramref name="inApp"/> messages beside <paramref name="pushAndEmail"/> pushes and emails, as <see cref="Rewards"/> lays them out; all 0 at no in-app messages.</summary>
    internal static void InApp(double inApp, double pushAndEmail, Span<double> bases)
    {
        Channel(inApp, bases);
        bases[ChannelBases] = bases[0] * Math.Log(1 + pushAndEmail);
    }

    /// <summary>One channel's bases at <paramref name="frequency"/>, as <see cref="Rewards"/> lays them out.</summary>
    internal static void Channel(double frequency, Span<double> bases)
    {
        bases[0] = Math.Log(1 + frequency);
        bases[1] = frequency * frequency / 49;
    }

    internal static void OptOut(double frequency, Span<double> bases)
    {
        bases[0] = frequency / 7;
        bases[1] = frequency * frequency / 49;
    }

    /// <summary>Writes [traits, traits x bases] into <paramref name="features"/> (trait-major within each basis).</summary>
    internal static void Cross(ReadOnlySpan<double> traits, ReadOnlySpan<double> bases, Span<float> features)
    {
        for (var j = 0; j < traits.Length; j++)
        {
            features[j] = (float)traits[j];
        }

        for (var k = 0; k < bases.Length; k++)
        {
            var offset = traits.Length * (k + 1);
            for (var j = 0; j < traits.Length; j++)
            {
                features[offset + j] = (float)(traits[j] * bases[k]);
            }
        }
    }

    /// <summary>Names of the crossed vector's slots, as <see cref="Cross"/> lays them out.</summary>
    internal static string[] CrossedNames(string[] bases) =>
        [.. MemberTraits, .. bases.SelectMany(b => MemberTraits.Select(t => $"{t}*{b}"))];
}
