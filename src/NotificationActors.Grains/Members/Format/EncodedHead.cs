using NotificationActors.Abstractions.Members;

namespace NotificationActors.Grains.Members.Format;

/// <summary>
/// The stored form of a state's head (preferences, imported features and plan, the fields right after the format
/// byte) and the shared strings it named, kept with the state by <see cref="MemberStateFormat"/>. The state is written
/// on every call while these change a few times a week, and they were a third of each write's bytes and most of its
/// strings. Valid while the state holds the very instances it was made from, which are never changed in place
/// (records, a dictionary replaced whole, a plan whose chosen fields are init-only). A new head reuses the arrays of
/// the last one: heads change weekly for every member, and fresh arrays were a thirtieth of the experiment's allocation.
/// </summary>
internal sealed class EncodedHead
{
    private byte _layout;
    private MemberPreferences? _preferences;
    private IReadOnlyDictionary<string, double>? _imported;
    private PlanState? _plan;
    private byte[] _bytes = [];
    private int _length;
    private string[] _shared = [];
    private int _sharedCount;

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

    /// <summary>The shared strings the head wrote, in the order it wrote them.</summary>
    public ReadOnlySpan<string> Shared => _shared.AsSpan(0, _sharedCount);

    public bool Encodes(MemberState state, byte stateLayout) =>
        _layout == stateLayout
        && ReferenceEquals(_preferences, state.Preferences)
        && ReferenceEquals(_imported, state.ImportedFeatures)
        && ReferenceEquals(_plan, state.Plan);

    /// <summary>Keeps <paramref name="state"/>'s head as the writer wrote it in <paramref name="layout"/>.</summary>
    public void Keep(MemberState state, byte layout, ReadOnlySpan<byte> bytes, ReadOnlySpan<string> shared)
    {
        (_layout, _preferences, _imported, _plan) = (layout, state.Preferences, state.ImportedFeatures, state.Plan);
        if (bytes.Length > _bytes.Length) _bytes = new byte[bytes.Length];
        if (shared.Length > _shared.Length) _shared = new string[CompactWriter.SharedCapacity];
        bytes.CopyTo(_bytes);
        _length = bytes.Length;
        Array.Clear(_shared);
        shared.CopyTo(_shared);
        _sharedCount = shared.Length;
    }
}
