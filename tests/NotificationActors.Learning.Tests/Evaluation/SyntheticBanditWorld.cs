using NotificationActors.Learning.Evaluation;

namespace NotificationActors.Learning.Tests.Evaluation;

/// <summary>
/// A contextual bandit whose truth is exact: a fixed population of contexts with one feature x in (0, 1), four
/// actions, a mean reward r(x, a) = 3 - 2 |x - a/3| (each action is best for one band of x) plus Gaussian noise,
/// a softmax logging policy that leans towards action 0 but gives every action at least 6%, and a softmax
/// target that leans towards the best action. The target's true value is the population average of
/// sum_a pi(a|x) r(x, a).
/// </summary>
internal sealed class SyntheticBanditWorld
{
    private const int Actions = 4;
    private const int Contexts = 200;
    private const double Noise = 0.5;

    // Size of the reward model's error: q(x, a) = r(x, a) + ModelError cos(7x + a), a decent model.
    private const double ModelError = 0.1;

    private readonly double[] _contexts = [.. Enumerable.Range(0, Contexts).Select(j => (j + 0.5) / Contexts)];
    private readonly Func<double, int, double> _target;

    private SyntheticBanditWorld(Func<double, int, double> target)
    {
        _target = target;
        TrueValue = _contexts.Average(x => Enumerable.Range(0, Actions).Sum(a => _target(x, a) * MeanReward(x, a)));
    }

    /// <summary>A target different from the logging policy.</summary>
    public static SyntheticBanditWorld Standard() => new(GreedyishTarget);

    /// <summary>The target is the logging policy itself.</summary>
    public static SyntheticBanditWorld OnPolicy() => new(Logging);

    /// <summary>The exact mean reward of the target over the context population.</summary>
    public double TrueValue { get; }

    private static double MeanReward(double x, int a) => 3 - (2 * Math.Abs(x - (a / 3.0)));

    private static double Logging(double x, int a) => Softmax(x, a, (y, b) => -b * (0.2 + (0.5 * y)), temperature: 1);

    private static double GreedyishTarget(double x, int a) => Softmax(x, a, MeanReward, temperature: 0.25);

    /// <summary><paramref name="n"/> logged samples: contexts drawn uniformly from the population, actions from the logging policy.</summary>
    public LoggedSample[] Log(int seed, int n)
    {
        var random = new Random(seed);
        var samples = new LoggedSample[n];
        for (var i = 0; i < n; i++)
        {
            var x = _contexts[random.Next(Contexts)];
            var a = Draw(random, x);
            var reward = MeanReward(x, a) + (Noise * Gaussian(random));
            var modelValue = Enumerable.Range(0, Actions).Sum(b => _target(x, b) * Model(x, b));
            samples[i] = new LoggedSample(Logging(x, a), _target(x, a), reward, Model(x, a), modelValue);
        }

        return samples;
    }

    private double Model(double x, int a) => MeanReward(x, a) + (ModelError * Math.Cos((7 * x) + a));

    private static int Draw(Random random, double x)
    {
        var u = random.NextDouble();
        for (var a = 0; a < Actions - 1; a++)
        {
            u -= Logging(x, a);
            if (u < 0)
            {
                return a;
            }
        }

        return Actions - 1;
    }

    private static double Softmax(double x, int a, Func<double, int, double> score, double temperature)
    {
        var total = Enumerable.Range(0, Actions).Sum(b => Math.Exp(score(x, b) / temperature));
        return Math.Exp(score(x, a) / temperature) / total;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
