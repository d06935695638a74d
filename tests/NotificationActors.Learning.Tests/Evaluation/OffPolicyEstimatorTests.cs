using NotificationActors.Learning.Evaluation;

namespace NotificationActors.Learning.Tests.Evaluation;

/// <summary>The three estimators against <see cref="SyntheticBanditWorld"/>, whose target value is known exactly.</summary>
public sealed class OffPolicyEstimatorTests
{
    private static readonly SyntheticBanditWorld World = SyntheticBanditWorld.Standard();

    private static OffPolicyOptions Unclipped(int seed = OffPolicyOptions.DefaultSeed) =>
        new() { MaxImportanceWeight = null, BootstrapResamples = 300, Seed = seed };

    // Nominal 95% intervals should cover in about 57 of 60 logs (calibrated: 94-95% over 400 logs); requiring 50
    // leaves about four binomial standard deviations of slack, so the rule fails only when coverage really breaks.
    [Fact]
    public void IntervalsOfAllThreeEstimatorsCoverTheTrueValueInAtLeast50Of60Logs()
    {
        var covered = new int[3];
        for (var seed = 0; seed < 60; seed++)
        {
            var report = OffPolicyEstimator.Evaluate(World.Log(seed, 2_000), Unclipped(seed));
            OffPolicyEstimate[] estimates = [report.Ips, report.SelfNormalisedIps, report.DoublyRobust];
            for (var k = 0; k < estimates.Length; k++)
            {
                if (estimates[k].Lower <= World.TrueValue && World.TrueValue <= estimates[k].Upper)
                {
                    covered[k]++;
                }
            }
        }

        Assert.All(covered, c => Assert.True(c >= 50, $"logs of 60 covered by IPS, SNIPS, DR: {string.Join(", ", covered)}"));
    }

    [Fact]
    public void DoublyRobustVariesLessThanIpsWhenTheModelIsDecent()
    {
        var reports = Enumerable.Range(0, 20).Select(seed => OffPolicyEstimator.Evaluate(World.Log(seed, 2_000), Unclipped(seed))).ToArray();

        var ips = Variance(reports.Select(r => r.Ips.Value));
        var doublyRobust = Variance(reports.Select(r => r.DoublyRobust.Value));

        Assert.True(doublyRobust < ips / 4, $"variance across 20 logs: DR {doublyRobust:G3}, IPS {ips:G3}");
        Assert.All(reports, r => Assert.True(r.DoublyRobust.StandardError < r.Ips.StandardError, $"bootstrap SE: DR {r.DoublyRobust.StandardError:G3}, IPS {r.Ips.StandardError:G3}"));
    }

    [Fact]
    public void WhenTheTargetIsTheLoggingPolicyEveryWeightIsOneAndIpsIsTheMeanReward()
    {
        var samples = SyntheticBanditWorld.OnPolicy().Log(3, 1_000);

        var report = OffPolicyEstimator.Evaluate(samples, Unclipped());

        Assert.Equal(1, report.MaxWeight, 12);
        Assert.Equal(0, report.ClippedWeights);
        Assert.Equal(samples.Length, report.EffectiveSampleSize, 9);
        Assert.Equal(samples.Average(s => s.Reward), report.Ips.Value, 12);
        Assert.Equal(report.Ips.Value, report.SelfNormalisedIps.Value, 12);
    }

    [Fact]
    public void ClippingCapsEveryWeightAndCountsTheClippedOnes()
    {
        const double Cap = 3;
        var samples = World.Log(4, 2_000);
        var overCap = samples.Count(s => s.TargetProbability / s.LoggingPropensity > Cap);

        var report = OffPolicyEstimator.Evaluate(samples, new OffPolicyOptions { MaxImportanceWeight = Cap, BootstrapResamples = 50 });

        Assert.True(overCap > 0, "the log should hold weights above the cap");
        Assert.Equal(overCap, report.ClippedWeights);
        Assert.Equal(Cap, report.MaxWeight);
        Assert.InRange(report.EffectiveSampleSize, 1, samples.Length);
    }

    [Fact]
    public void NoCapAndAnInfiniteCapLeaveEveryWeightAsItIs()
    {
        var samples = World.Log(5, 1_000);

        var none = OffPolicyEstimator.Evaluate(samples, Unclipped());
        var infinite = OffPolicyEstimator.Evaluate(samples, new OffPolicyOptions { MaxImportanceWeight = double.PositiveInfinity, BootstrapResamples = 300 });

        Assert.Equal(none, infinite);
        Assert.Equal(0, none.ClippedWeights);
        Assert.Equal(samples.Max(s => s.TargetProbability / s.LoggingPropensity), none.MaxWeight);
    }

    [Fact]
    public void TheSameSeedGivesTheSameReportAndAnotherSeedOnlyOtherIntervals()
    {
        var samples = World.Log(6, 1_000);

        var first = OffPolicyEstimator.Evaluate(samples, Unclipped(seed: 11));
        var again = OffPolicyEstimator.Evaluate(samples, Unclipped(seed: 11));
        var other = OffPolicyEstimator.Evaluate(samples, Unclipped(seed: 12));

        Assert.Equal(first, again);
        Assert.Equal(first.DoublyRobust.Value, other.DoublyRobust.Value);
        Assert.NotEqual(first.DoublyRobust.Lower, other.DoublyRobust.Lower);
    }

    [Fact]
    public void ATargetTheLogNeverSupportsHasNoSelfNormalisedEstimate()
    {
        var samples = World.Log(7, 200).Select(s => s with { TargetProbability = 0 }).ToArray();

        var report = OffPolicyEstimator.Evaluate(samples, Unclipped());

        Assert.True(double.IsNaN(report.SelfNormalisedIps.Value));
        Assert.True(double.IsNaN(report.SelfNormalisedIps.Lower));
        Assert.Equal(0, report.Ips.Value);
        Assert.Equal(0, report.EffectiveSampleSize);
    }

    private static double Variance(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        return v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1);
    }
}
