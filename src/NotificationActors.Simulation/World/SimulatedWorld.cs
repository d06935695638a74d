using System.Globalization;

namespace NotificationActors.Simulation.World;

/// <summary>
/// The hidden-truth world of a policy experiment: <see cref="MemberCount"/> members with ids "sim-000000" onward, the
/// catalogue, and the title launches all members share. Everything is a pure function of (seed, options) and of the
/// events applied to each member: member i draws only from streams keyed by (seed, i), so members can be simulated
/// concurrently, in any order, with identical results.
/// </summary>
public sealed class SimulatedWorld
{
    private const string IdPrefix = "sim-";

    private readonly WorldModel _model;
    private readonly SimulatedMember[] _members;

    /// <summary>A world of <paramref name="memberCount"/> members drawn from <paramref name="seed"/> under <paramref name="options"/> (default: <see cref="WorldOptions"/>'s defaults).</summary>
    public SimulatedWorld(int seed, WorldOptions? options, int memberCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(memberCount);
        _model = new WorldModel(seed, options ?? new WorldOptions());
        _members = new SimulatedMember[memberCount];
        for (var i = 0; i < memberCount; i++)
        {
            _members[i] = new SimulatedMember(_model, i);
        }
    }

    /// <summary>The seed everything is drawn from.</summary>
    public int Seed => _model.Seed;

    /// <summary>A copy of the options the world was built with (changing it changes nothing).</summary>
    public WorldOptions Options => WorldOptions.Parse(_model.Options.ToJson());

    /// <summary>Number of members.</summary>
    public int MemberCount => _members.Length;

    /// <summary>The members, by index.</summary>
    public IReadOnlyList<SimulatedMember> Members => _members;

    /// <summary>The catalogue's category names; a message's <see cref="OfferedMessage.CategoryIndex"/> indexes this list.</summary>
    public IReadOnlyList<string> Categories => _model.CategoryNames;

    /// <summary>The member at <paramref name="index"/>.</summary>
    public SimulatedMember this[int index] => _members[index];

    /// <summary>The member id of index <paramref name="index"/>: "sim-" and at least six digits.</summary>
    public static string MemberIdOf(int index) => string.Create(CultureInfo.InvariantCulture, $"{IdPrefix}{index:D6}");

    /// <summary>The member with <paramref name="memberId"/>, if it is one of this world's.</summary>
    public bool TryGetMember(string memberId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SimulatedMember? member)
    {
        member = null;
        if (memberId is null || !memberId.StartsWith(IdPrefix, StringComparison.Ordinal)
            || !int.TryParse(memberId.AsSpan(IdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || index >= _members.Length || !string.Equals(_members[index].MemberId, memberId, StringComparison.Ordinal))
        {
            return false;
        }

        member = _members[index];
        return true;
    }

    /// <summary>The title launches of <paramref name="day"/> (UTC), in time order; every member gets an opportunity for each.</summary>
    public IReadOnlyList<TitleLaunch> LaunchesOn(DateOnly day) => _model.LaunchesOn(day);
}
