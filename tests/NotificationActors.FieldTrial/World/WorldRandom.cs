namespace NotificationActors.FieldTrial.World;

/// <summary>
/// Counter-based random numbers: each draw is a hash of (seed, member, day, purpose, index), with no state. A member's
/// day draws the same numbers whatever order members, days of other members and policies are simulated in, and every
/// policy's copy of a member meets the same luck where their days agree (common random numbers tighten the paired
/// comparison).
/// </summary>
internal readonly struct WorldRandom(int seed)
{
    private const ulong Golden = 0x9E3779B97F4A7C15;

    /// <summary>A number in [0, 1).</summary>
    public double Uniform(int member, int day, Draw purpose, int index = 0)
    {
        var h = Mix((ulong)(uint)seed + Golden);
        h = Mix(h ^ ((ulong)(uint)member + Golden));
        h = Mix(h ^ ((ulong)(uint)day + Golden));
        h = Mix(h ^ ((ulong)purpose + Golden));
        h = Mix(h ^ ((ulong)(uint)index + Golden));
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A standard normal number (Box-Muller over two uniforms of the same key).</summary>
    public double Normal(int member, int day, Draw purpose, int index = 0)
    {
        var u = 1 - Uniform(member, day, purpose, 2 * index);
        var v = Uniform(member, day, purpose, (2 * index) + 1);
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    // SplitMix64's finaliser: every input bit reaches every output bit.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
