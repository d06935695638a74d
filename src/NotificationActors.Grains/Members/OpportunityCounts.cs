using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Members.Format;

namespace NotificationActors.Grains.Members;

/// <summary>
/// The layout of opportunity counts in stored state (<see cref="WeekState.Opportunities"/>, <see cref="LearnedFeatures.OpportunitiesPerWeek"/>):
/// one slot per channel and kind, at <c>channel * 3 + kind</c> with the channels' and kinds' <see cref="StoredCodes"/>. State
/// written before in-app was paced holds the push and email slots only; <see cref="Widen{T}"/> pads it.
/// </summary>
internal static class OpportunityCounts
{
    /// <summary>Kinds per channel: daily, launch, session.</summary>
    public const int Kinds = 3;

    /// <summary>Slots in all: push, email and in-app.</summary>
    public const int Length = 3 * Kinds;

    public static int Slot(MessageChannel channel, OpportunityType kind) => (Channel(channel) * Kinds) + StoredCodes.Of(kind);

    public static int Channel(MessageChannel channel) => StoredCodes.Of(channel);

    /// <summary>The counts with every slot present (<paramref name="length"/>, all channels' kinds by default): a shorter array from older state is padded with zeros.</summary>
    public static T[] Widen<T>(T[] counts, int length = Length)
    {
        if (counts.Length >= length) return counts;
        var wide = new T[length];
        counts.CopyTo(wide, 0);
        return wide;
    }
}
