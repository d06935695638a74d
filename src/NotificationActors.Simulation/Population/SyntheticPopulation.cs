using System.Globalization;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Simulation.Population;

/// <summary>
/// Draws members from a seeded generator: the same seed gives the same population. Casual viewers open fewer
/// messages and are newer on average; heavy viewers are long-tenured and respond more.
/// </summary>
public sealed class SyntheticPopulation
{
    private readonly PopulationOptions _options;
    private readonly Random _random;
    private int _next;

    /// <summary>A population drawn from <paramref name="seed"/>.</summary>
    public SyntheticPopulation(int seed, PopulationOptions? options = null)
    {
        _options = options ?? new PopulationOptions();
        _options.Validate();
        _random = new Random(seed);
    }

    /// <summary>The next member.</summary>
    public SyntheticMember Next()
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"sim-{_next++:D6}");
        var draw = _random.NextDouble();
        var cohort = draw < _options.CasualShare ? Cohort.Casual
            : draw < _options.CasualShare + _options.HeavyShare ? Cohort.Heavy
            : Cohort.Regular;
        var (minDays, maxDays, tenureScale, openScale) = cohort switch
        {
            Cohort.Casual => (0.2, 2.0, 30.0, 0.7),
            Cohort.Regular => (2.0, 4.5, 80.0, 1.0),
            _ => (4.5, 7.0, 150.0, 1.3),
        };

        var features = new MemberFeatures
        {
            EngagedDaysPerWeek = Uniform(minDays, maxDays),
            TenureWeeks = -tenureScale * Math.Log(1 - _random.NextDouble()),
            PushOpenRate = Math.Clamp(Beta(2, 20) * openScale, 0, 1),
            EmailOpenRate = Math.Clamp(Beta(3, 15) * openScale, 0, 1),
            DismissRate = Beta(2, 8),
            RecentPushPerWeek = Uniform(0, 6),
            RecentEmailPerWeek = Uniform(0, 3),
        };
        var optedIn = ChannelSet.InApp;
        if (_random.NextDouble() < _options.PushOptInShare) optedIn = optedIn.With(Channel.Push);
        if (_random.NextDouble() < _options.EmailOptInShare) optedIn = optedIn.With(Channel.Email);
        return new SyntheticMember(id, cohort, features, optedIn);
    }

    /// <summary>The next <paramref name="count"/> members.</summary>
    public IEnumerable<SyntheticMember> Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0; i < count; i++)
        {
            yield return Next();
        }
    }

    private double Uniform(double min, double max) => min + (_random.NextDouble() * (max - min));

    // Beta(a, b) for integer shapes as the a-th order statistic of a + b - 1 uniforms: exact and dependency-free.
    private double Beta(int a, int b)
    {
        Span<double> draws = stackalloc double[a + b - 1];
        for (var i = 0; i < draws.Length; i++)
        {
            draws[i] = _random.NextDouble();
        }

        draws.Sort();
        return draws[a - 1];
    }
}
