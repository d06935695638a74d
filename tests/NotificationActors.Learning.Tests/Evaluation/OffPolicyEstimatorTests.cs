using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NotificationActors.Learning.Evaluation;

namespace NotificationActors.Learning.Tests.Evaluation;

/// <summary>
/// The estimators against a small world whose truth is exact: a context x in [0, 1), five actions, a mean
/// reward r(x, a) peaking at the action nearest 4x, a logging policy that mostly takes action 1 and explores
/// uniformly, and a deterministic target that takes the best action.
/// </summary>
public sealed class OffPolicyEstimatorTests
{
    private const int Actions = 5;
    private const double Exploration = 0.5;
    private const double Noise = 0.3;

    private static double MeanReward(double x, int a) => 1 - (0.15 * Math.Abs(a - (4 * x)));

    private static int Target(double x) => (int)Math.Round(4 * x);

    private static double LoggingProbability(int a) => (Exploration / Actions) + (a == 1 ? 1 - Exploration : 0);

    // E_x[r(x, pi(x))] by a fine quadrature over the uniform context.
    private static readonly double TrueValue = Enumerable.Range(0, 100_000).Select(i => (i + 0.5) / 100_000).Average(x => MeanReward(x, Target(x)));

    private static LoggedSample[] Log(int seed, int n, double modelBias = 0.05, Func<double, int>? target = null)
    {
        target ??= Target;
        var random = new Random(seed);
        var samples = new LoggedSample[n];
        for (var i = 0; i < n; i++)
        {
            var x = random.NextDouble();
            var a = random.NextDouble() < Exploration ? random.Next(Actions) : 1;
            var reward = MeanReward(x, a) + (Noise * Gaussian(random));
            var chosen = target(x);
            samples[i] = new LoggedSample(LoggingProbability(a), a == chosen ? 1 : 0, reward, MeanReward(x, a) + modelBias, MeanReward(x, chosen) + modelBias);
        }

        return samples;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static readonly OffPolicyOptions Options = new() { MaxImportanceWeight = null, BootstrapResamples = 200 };

    [Fact]
    public void AllThreeIntervalsCoverTheTrueValueInAtLeast17Of20Seeds()
    {
        var covered = new int[3];
        for (var seed = 0; seed < 20; seed++)
        {
            var report = OffPolicyEstimator.Evaluate(Log(seed, 3_000), Options);
            var estimates = new[] { report.Ips, report.SelfNormalisedIps, report.DoublyRobust };
            for (var k = 0; k < 3; k++)
            {
                if (estimates[k].Lower <= TrueValue && TrueValue <= estimates[k].Upper) covered[k]++;
            }
        }

        Assert.All(covered, c => Assert.True(c >= 17, $"coverage of IPS, SNIPS, DR out of 20: {string.Join(", ", covered)}"));
    }

    [Fact]
    public void DoublyRobustVariesLessThanIpsAcrossLogsWithADecentModel()
    {
        var reports = Enumerable.Range(0, 20).Select(seed => OffPolicyEstimator.Evaluate(Log(seed, 3_000), Options)).ToArray();

        static double Variance(IEnumerable<double> values)
        {
            var v = values.ToArray();
            var mean = v.Average();
            return v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1);
        }

        var ips = Variance(reports.Select(r => r.Ips.Value));
        var dr = Variance(reports.Select(r => r.DoublyRobust.Value));
        Assert.True(dr < ips / 2, $"variance across logs: DR {dr:G3}, IPS {ips:G3}");
        Assert.All(reports, r => Assert.True(r.DoublyRobust.StandardError < r.Ips.StandardError));
    }

    [Fact]
    public void WhenTheTargetIsTheLoggingPolicyEveryWeightIsOneAndIpsIsTheMeanReward()
    {
        var samples = Log(3, 500).Select(s => s with { TargetProbability = s.LoggingPropensity }).ToArray();

        var report = OffPolicyEstimator.Evaluate(samples, Options);

        Assert.Equal(samples.Average(s => s.Reward), report.Ips.Value, 12);
        Assert.Equal(report.Ips.Value, report.SelfNormalisedIps.Value, 12);
        Assert.Equal(samples.Length, report.EffectiveSampleSize, 6);
        Assert.Equal(1, report.MaxWeight, 12);
    }

    [Fact]
    public void ClippingCapsEveryWeightAndCountsTheClipped()
    {
        var samples = Log(4, 2_000);
        var unclippedMax = samples.Max(s => s.TargetProbability / s.LoggingPropensity);

        var report = OffPolicyEstimator.Evaluate(samples, new OffPolicyOptions { MaxImportanceWeight = 5 });

        Assert.True(unclippedMax > 5);
        Assert.Equal(5, report.MaxWeight);
        Assert.Equal(samples.Count(s => s.TargetProbability / s.LoggingPropensity > 5), report.ClippedWeights);
        Assert.InRange(report.EffectiveSampleSize, 1, samples.Length);
    }

    [Fact]
    public void TheSameSeedGivesTheSameIntervals()
    {
        var samples = Log(5, 1_000);

        Assert.Equal(OffPolicyEstimator.Evaluate(samples, Options), OffPolicyEstimator.Evaluate(samples, Options));
    }

    [Fact]
    public void ATargetTheLogsNeverSupportHasNoSelfNormalisedEstimate()
    {
        var samples = Log(6, 200).Select(s => s with { TargetProbability = 0 }).ToArray();

        var report = OffPolicyEstimator.Evaluate(samples, Options);

        Assert.True(double.IsNaN(report.SelfNormalisedIps.Value));
        Assert.Equal(0, report.Ips.Value);
        Assert.Equal(0, report.EffectiveSampleSize);
    }

    [Theory]
    [InlineData("loggingPropensity", "sample 7: loggingPropensity 0 is outside (0, 1]")]
    [InlineData("targetProbability", "sample 7: targetProbability 1.5 is outside [0, 1]")]
    [InlineData("reward", "sample 7: reward NaN is not a finite number")]
    [InlineData("model", "sample 7: modelRewardOfLogged Infinity is not a finite number")]
    public void ABadSampleIsRefusedByIndexAndField(string field, string message)
    {
        var samples = Log(7, 20);
        samples[7] = field switch
        {
            "loggingPropensity" => samples[7] with { LoggingPropensity = 0 },
            "targetProbability" => samples[7] with { TargetProbability = 1.5 },
            "reward" => samples[7] with { Reward = double.NaN },
            _ => samples[7] with { ModelRewardOfLogged = double.PositiveInfinity },
        };

        var error = Assert.Throws<ArgumentException>(() => OffPolicyEstimator.Evaluate(samples, Options));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyLogIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => OffPolicyEstimator.Evaluate([], Options));

        Assert.Contains("no logged samples", error.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 50)]
    public Property SelfNormalisedIpsOfAConstantRewardIsThatConstant() => Prop.ForAll(
        Gen.Choose(0, 1000).ToArbitrary(), Gen.Choose(-50, 50).ToArbitrary(), (seed, constant) =>
        {
            var samples = Log(seed, 300).Select(s => s with { Reward = constant }).ToArray();

            var report = OffPolicyEstimator.Evaluate(samples, new OffPolicyOptions { BootstrapResamples = 20 });

            Assert.Equal(constant, report.SelfNormalisedIps.Value, 9);
            Assert.InRange(report.EffectiveSampleSize, 0, samples.Length);
        });
}
