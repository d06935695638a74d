using NotificationActors.Learning.Evaluation;

namespace NotificationActors.Learning.Tests.Evaluation;

/// <summary>Bad logs and bad options are refused with a message that says what is wrong and where.</summary>
public sealed class OffPolicyInputTests
{
    private static readonly OffPolicyOptions Options = new() { BootstrapResamples = 20 };

    private static readonly LoggedSample Good = new(LoggingPropensity: 0.5, TargetProbability: 0.25, Reward: 1, ModelRewardOfLogged: 0.9, ModelValueUnderTarget: 0.8);

    [Fact]
    public void AnEmptyLogIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => OffPolicyEstimator.Evaluate([], Options));

        Assert.Equal("samples", error.ParamName);
        Assert.Contains("no samples", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zero propensity", "sample 17: loggingPropensity 0 is outside (0, 1]")]
    [InlineData("propensity above 1", "sample 17: loggingPropensity 1.5 is outside (0, 1]")]
    [InlineData("NaN propensity", "sample 17: loggingPropensity NaN is outside (0, 1]")]
    [InlineData("target probability above 1", "sample 17: targetProbability 1.25 is outside [0, 1]")]
    [InlineData("negative target probability", "sample 17: targetProbability -0.1 is outside [0, 1]")]
    [InlineData("NaN reward", "sample 17: reward NaN is not finite")]
    [InlineData("infinite reward", "sample 17: reward Infinity is not finite")]
    [InlineData("NaN model reward", "sample 17: modelRewardOfLogged NaN is not finite")]
    [InlineData("infinite model value", "sample 17: modelValueUnderTarget -Infinity is not finite")]
    public void ABadSampleIsRefusedNamingItsIndexAndField(string problem, string message)
    {
        var samples = Enumerable.Repeat(Good, 30).ToArray();
        samples[17] = problem switch
        {
            "zero propensity" => Good with { LoggingPropensity = 0 },
            "propensity above 1" => Good with { LoggingPropensity = 1.5 },
            "NaN propensity" => Good with { LoggingPropensity = double.NaN },
            "target probability above 1" => Good with { TargetProbability = 1.25 },
            "negative target probability" => Good with { TargetProbability = -0.1 },
            "NaN reward" => Good with { Reward = double.NaN },
            "infinite reward" => Good with { Reward = double.PositiveInfinity },
            "NaN model reward" => Good with { ModelRewardOfLogged = double.NaN },
            _ => Good with { ModelValueUnderTarget = double.NegativeInfinity },
        };

        var error = Assert.Throws<ArgumentException>(() => OffPolicyEstimator.Evaluate(samples, Options));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("samples", error.ParamName);
    }

    [Theory]
    [InlineData(nameof(OffPolicyOptions.MaxImportanceWeight))]
    [InlineData(nameof(OffPolicyOptions.BootstrapResamples))]
    [InlineData(nameof(OffPolicyOptions.Confidence))]
    public void AnOptionOutOfRangeIsRefusedNamingTheOption(string option)
    {
        var options = option switch
        {
            nameof(OffPolicyOptions.MaxImportanceWeight) => new OffPolicyOptions { MaxImportanceWeight = 0.5 },
            nameof(OffPolicyOptions.BootstrapResamples) => new OffPolicyOptions { BootstrapResamples = OffPolicyOptions.MinBootstrapResamples - 1 },
            _ => new OffPolicyOptions { Confidence = 1 },
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => OffPolicyEstimator.Evaluate([Good], options));

        Assert.Equal(option, error.ParamName);
        Assert.Contains($"OffPolicyOptions.{option}", error.Message, StringComparison.Ordinal);
    }
}
