namespace NotificationActors.Simulation.World;

/// <summary>
/// A counter-based random stream: SplitMix64 over a key hashed from (seed, member, day, purpose, ...). Every
/// draw of the world comes from a stream keyed by what it is for, so a member's outcomes depend on its own
/// events only, never on the order in which the runner visits members, and two arms that meet the same
/// member in the same state draw the same numbers (common random numbers). Our own code, so the sequence is
/// fixed across .NET versions, unlike <see cref="Random"/>'s.
/// </summary>
internal struct StreamRandom
{
    private const ulong Gamma = 0x9E3779B97F4A7C15;
    private const double UnitScale = 1.0 / (1UL << 53);

    private ulong _state;

    public StreamRandom(ulong key) => _state = Mix(key);

    /// <summary>A key for a stream: each part is folded in through the SplitMix64 finaliser.</summary>
    public static ulong Key(ulong a, ulong b) => Mix(Mix(a + Gamma) ^ (b * 0xD1B54A32D192ED03));

    /// <summary>A key for a stream from three parts.</summary>
    public static ulong Key(ulong a, ulong b, ulong c) => Key(Key(a, b), c);

    /// <summary>A key for a stream from four parts.</summary>
    public static ulong Key(ulong a, ulong b, ulong c, ulong d) => Key(Key(Key(a, b), c), d);

    public ulong NextUInt64()
    {
        _state += Gamma;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * UnitScale;

    /// <summary>Uniform integer in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => min + (int)(NextDouble() * (maxExclusive - min));

    /// <summary>Standard normal (Box-Muller; one of the pair is dropped, which keeps the stream stateless).</summary>
    public double NextNormal()
    {
        var u = 1 - NextDouble();
        var v = NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    /// <summary>Exponential with the given mean.</summary>
    public double NextExponential(double mean) => -mean * Math.Log(1 - NextDouble());

    /// <summary>Poisson by inversion; for the small means the world uses (a few a day).</summary>
    public int NextPoisson(double mean)
    {
        var u = NextDouble();
        var p = Math.Exp(-mean);
        var cumulative = p;
        var k = 0;
        while (u > cumulative && k < 1000)
        {
            k++;
            p *= mean / k;
            cumulative += p;
        }

        return k;
    }

    /// <summary>Index drawn with probability proportional to <paramref name="cumulative"/>'s steps (last entry is the total).</summary>
    public int NextWeighted(ReadOnlySpan<double> cumulative)
    {
        var u = NextDouble() * cumulative[^1];
        for (var i = 0; i < cumulative.Length - 1; i++)
        {
            if (u < cumulative[i]) return i;
        }

        return cumulative.Length - 1;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
