using NotificationActors.Abstractions.Members;

namespace NotificationActors.Grains.Members.Format;

/// <summary>
/// The stored form of a state's head (preferences, imported features and plan, the fields right after the format
/// byte) and the shared strings it named, kept with the state by <see cref="MemberStateFormat"/>. The state is written
/// on every call while these change a few times a week, and they were a third of each write's bytes and most of its
/// strings. Valid while the state holds the very instances it was made from, which are never changed in place
/// (records, a dictionary replaced whole, a plan whose chosen fields are init-only).
/// </summary>
internal sealed class EncodedHead(byte layout, MemberPreferences preferences, IReadOnlyDictionary<string, double> imported, PlanState? plan, byte[] bytes, string[] shared)
{
    public byte[] Bytes { get; } = bytes;

    /// <summary>The shared strings the head wrote, in the order it wrote them.</summary>
    public string[] Shared { get; } = shared;

    public bool Encodes(MemberState state, byte stateLayout) =>
        layout == stateLayout
        && ReferenceEquals(preferences, state.Preferences)
        && ReferenceEquals(imported, state.ImportedFeatures)
        && ReferenceEquals(plan, state.Plan);
}
