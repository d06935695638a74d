using NotificationActors.Learning.Training;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;

namespace NotificationActors.Learning.Serving;

/// <summary>Settings of a <see cref="LearningLoop"/>.</summary>
public sealed class LearningLoopOptions
{
    /// <summary>Default <see cref="WindowWeeks"/>.</summary>
    public const int DefaultWindowWeeks = 8;

    /// <summary>The arm whose learning-log records the loop reads and whose plans it serves.</summary>
    public required string Arm { get; init; }

    /// <summary>Weeks of the arm's log a retraining reads: recent enough to follow the members, enough to fit.</summary>
    public int WindowWeeks { get; init; } = DefaultWindowWeeks;

    /// <summary>
    /// What the arm's utility charges: the message cost the prior plans with (a trained version plans with its own,
    /// <see cref="LearningLoop.MessageCostOf"/>) and the opt-out prices every plan, trial and version's tuning charges.
    /// </summary>
    public SlowPolicyOptions ArmPricing { get; init; } = new();

    /// <summary>How the models are fitted; fix <see cref="RewardTrainingOptions.Threads"/> for fits that repeat exactly.</summary>
    public RewardTrainingOptions Training { get; init; } = new() { Threads = 1 };

    /// <summary>
    /// Weeks a trial is judged on (<see cref="Evaluation.ChallengerTrial.Weeks"/>); the challenger keeps planning for its
    /// half a week longer, until the last of them is in the log.
    /// </summary>
    public int TrialWeeks { get; init; } = Evaluation.ChallengerTrial.DefaultWeeks;

    /// <summary>
    /// Whether any ranking arm ranks by the causal ranker. A version's causal ranker goes on trial only then: its two
    /// sides are drawn from those arms' members, and with none its trial would judge nobody.
    /// </summary>
    public bool CausalRankingArms { get; init; } = true;

    /// <summary>The name of the version trained for a week's plans (unique in the model store).</summary>
    public required Func<IsoWeek, string> VersionName { get; init; }

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Arm);
        ArgumentNullException.ThrowIfNull(Training);
        ArgumentNullException.ThrowIfNull(VersionName);
        if (WindowWeeks < 1) throw new ArgumentOutOfRangeException(nameof(WindowWeeks), WindowWeeks, "The loop's window must hold at least one week.");
        if (TrialWeeks is < 2 or > 8) throw new ArgumentOutOfRangeException(nameof(TrialWeeks), TrialWeeks, "A trial is judged on 2 to 8 weeks: the last pays for the first's fatigue.");
        ArgumentNullException.ThrowIfNull(ArmPricing);
        ArmPricing.Validate();
        Training.Validate();
    }
}
