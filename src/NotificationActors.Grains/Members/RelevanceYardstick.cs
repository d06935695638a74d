using NotificationActors.Policy.Pacing;

namespace NotificationActors.Grains.Members;

/// <summary>
/// The yardstick of relevance-weighted pacing: a running mean of the best candidate's score to the power
/// <see cref="PacingGate.RelevanceExponent"/> per channel (push, email, in-app) over the member's last few dozen opportunities,
/// learned from every opportunity whatever the decision. It belongs to the ranker whose scores it averages: a new
/// ranker's scores are on their own scale (a mean of raw relevance held against a bandit's open probabilities would
/// starve the budget), so it starts a new mean.
/// </summary>
internal static class RelevanceYardstick
{
    /// <summary>Weight of the newest opportunity in the running mean: about the last 32 count.</summary>
    public const double LearningRate = 1.0 / 32;

    private const int Channels = 3;

    /// <summary>The mean powered score on a channel (0 push, 1 email, 2 in-app) under <paramref name="ranker"/>; 0 while unknown.</summary>
    public static double Scale(LearnedFeatures learned, string ranker, int channel) =>
        learned.RelevanceRanker == ranker && learned.RelevancePowers is { } powers && channel < powers.Length ? powers[channel] : 0;

    /// <summary>Folds an opportunity's best scores (NaN when a channel had no candidate) into the mean of <paramref name="ranker"/>.</summary>
    public static void Learn(LearnedFeatures learned, string ranker, double pushBest, double emailBest, double inAppBest)
    {
        if (learned.RelevanceRanker != ranker)
        {
            (learned.RelevancePowers, learned.RelevanceRanker) = (null, ranker);
        }

        // State from before in-app was paced holds push and email only.
        var means = learned.RelevancePowers = OpportunityCounts.Widen(learned.RelevancePowers ?? [], Channels);
        Fold(means, 0, pushBest);
        Fold(means, 1, emailBest);
        Fold(means, 2, inAppBest);
    }

    private static void Fold(double[] means, int channel, double best)
    {
        if (!double.IsFinite(best)) return;
        var power = PacingGate.RelevancePower(best);
        means[channel] = means[channel] == 0 ? power : means[channel] + (LearningRate * (power - means[channel]));
    }
}
