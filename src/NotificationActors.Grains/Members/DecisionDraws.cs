namespace NotificationActors.Grains.Members;

/// <summary>
/// The random draws of one decision, reseeded from the member and opportunity so a replayed or reactivated decision
/// draws the same: SplitMix64 behind <see cref="Random"/>'s interface. A seeded <see cref="Random"/> per
/// decision built a 56-integer generator each time, which at a decision per member-day was a measurable share of an
/// experiment's processor time and allocations.
/// </summary>
internal sealed class DecisionDraws : Random
{
    private ulong _state;

    /// <summary>Starts the stream for <paramref name="seed"/>.</summary>
    public void Reseed(ulong seed) => _state = seed;

    public override double NextDouble() => (Next64() >> 11) * (1.0 / (1UL << 53));

    // Random's other members (Next, NextBytes...) draw through Sample in a derived class.
    protected override double Sample() => NextDouble();

    private ulong Next64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
