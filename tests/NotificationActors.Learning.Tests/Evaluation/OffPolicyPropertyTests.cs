using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NotificationActors.Learning.Evaluation;

namespace NotificationActors.Learning.Tests.Evaluation;

/// <summary>Identities that hold for any valid log, checked on generated ones.</summary>
public sealed class OffPolicyPropertyTests
{
    private static readonly OffPolicyOptions Options = new() { MaxImportanceWeight = null, BootstrapResamples = 20 };

    // Propensities in (0, 1] and target probabilities in [0, 1] on a grid of thousandths; rewards integers.
    private static readonly Gen<LoggedSample> Sample =
        from propensity in Gen.Choose(1, 1000)
        from target in Gen.Choose(0, 1000)
        from reward in Gen.Choose(-20, 20)
        select new LoggedSample(propensity / 1000.0, target / 1000.0, reward, 0, 0);

    // At least one sample the target would take, so the weights are not all zero.
    private static readonly Arbitrary<LoggedSample[]> Logs =
        Gen.NonEmptyListOf(Sample).Select(list => list.ToArray())
            .Where(log => log.Any(s => s.TargetProbability > 0))
            .ToArbitrary();

    [Property(MaxTest = 100)]
    public Property SelfNormalisedIpsOfAConstantRewardIsThatConstant() =>
        Prop.ForAll(Logs, Gen.Choose(-50, 50).ToArbitrary(), (log, constant) =>
        {
            var samples = log.Select(s => s with { Reward = constant }).ToArray();

            var report = OffPolicyEstimator.Evaluate(samples, Options);

            Assert.Equal(constant, report.SelfNormalisedIps.Value, 9);
            Assert.Equal(constant, report.SelfNormalisedIps.Lower, 9);
            Assert.Equal(constant, report.SelfNormalisedIps.Upper, 9);
        });

    [Property(MaxTest = 100)]
    public Property EffectiveSampleSizeIsPositiveAndAtMostTheSampleCount() =>
        Prop.ForAll(Logs, log =>
        {
            var report = OffPolicyEstimator.Evaluate(log, Options);

            Assert.InRange(report.EffectiveSampleSize, double.Epsilon, log.Length);
        });

    [Property(MaxTest = 100)]
    public Property DoublyRobustWithAZeroModelIsIps() =>
        Prop.ForAll(Logs, log =>
        {
            var report = OffPolicyEstimator.Evaluate(log, Options);

            Assert.Equal(report.Ips, report.DoublyRobust);
        });
}
