using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Artefacts;

/// <summary>
/// The readable half of a model version (card.json beside the ML.NET files): what data trained it, on which
/// features, how well it validates, whether its utility is concave, and the weights the planner serves.
/// </summary>
public sealed record ModelCard
{
    /// <summary>The version plans record, e.g. "learned-20261124-1030".</summary>
    public required string Version { get; init; }

    /// <summary>When training finished.</summary>
    public required DateTimeOffset TrainedAt { get; init; }

    /// <summary>First ISO week of the training data.</summary>
    public string? DataFrom { get; init; }

    /// <summary>Last ISO week of the training data.</summary>
    public string? DataTo { get; init; }

    /// <summary>Learning-log records read.</summary>
    public required int Records { get; init; }

    /// <summary>Records with a slow-policy plan.</summary>
    public required int PlannedWeeks { get; init; }

    /// <summary>Planned weeks whose action was randomised: what the reward models learn from.</summary>
    public required int ExploredWeeks { get; init; }

    /// <summary>Member traits, in vector order.</summary>
    public required IReadOnlyList<string> MemberTraits { get; init; }

    /// <summary>Frequency bases of the reward models, each crossed with every trait.</summary>
    public required IReadOnlyList<string> RewardBases { get; init; }

    /// <summary>Frequency bases of the per-channel opt-out models.</summary>
    public required IReadOnlyList<string> OptOutBases { get; init; }

    /// <summary>The four models by name: engagement, nextWeekEngagement, pushOptOut, emailOptOut.</summary>
    public required IReadOnlyDictionary<string, ModelHeadCard> Heads { get; init; }

    /// <summary>Where the trained utility is and is not concave in each frequency.</summary>
    public required ConcavityReport Concavity { get; init; }

    /// <summary>The fast policy's LinUCB ranker; null when the log held too few usable sends (see <see cref="BanditSkipped"/>).</summary>
    public BanditCard? Bandit { get; init; }

    /// <summary>Why no ranker was trained, when none was.</summary>
    public string? BanditSkipped { get; init; }

    /// <summary>The fast policy's causal ranker, served to the ranking layer's causal arms; null when not trained (see <see cref="CausalRankerSkipped"/>).</summary>
    public CausalRankerCard? CausalRanker { get; init; }

    /// <summary>Why no causal ranker was trained, when none was.</summary>
    public string? CausalRankerSkipped { get; init; }

    /// <summary>The cold-start priors a silo serving this version gives new members, and how plans move with tenure.</summary>
    public ColdStartCard? ColdStart { get; init; }

    /// <summary>How it compares with the model serving when it was trained; null when trained without one.</summary>
    public PromotionCheck? Promotion { get; init; }

    /// <summary>The parametric prior's opt-out hazards against the log's opt-outs, per channel: the scale the prior serves with.</summary>
    public IReadOnlyList<OptOutCalibrationCard> OptOutCalibration { get; init; } = [];

    /// <summary>The message cost the version plans with, tuned off-policy, and why; null for a version trained before costs were tuned.</summary>
    public MessageCostCard? MessageCost { get; init; }
}

/// <summary>A version's message cost: each candidate cost's plans valued on held-out logged weeks, and the one chosen.</summary>
public sealed record MessageCostCard
{
    /// <summary>The cost a message the version plans with.</summary>
    public required double Chosen { get; init; }

    /// <summary>Why, in words.</summary>
    public required string Reason { get; init; }

    /// <summary>One per candidate cost, lowest first.</summary>
    public required IReadOnlyList<MessageCostPoint> Points { get; init; }
}

/// <summary>One candidate cost's plans on the held-out weeks.</summary>
public sealed record MessageCostPoint
{
    public required double Cost { get; init; }

    /// <summary>Pushes and emails a member-week the plans send.</summary>
    public required double MeanSends { get; init; }

    /// <summary>Doubly robust estimate of engaged days over the week and the next less opt-outs at their price, per member-week.</summary>
    public required double Utility { get; init; }

    /// <summary>The estimate's bootstrap interval (95%).</summary>
    public required double Lower { get; init; }

    public required double Upper { get; init; }

    /// <summary>Held-out weeks whose logged plan is the one these plans choose: what corrects the version's own valuation.</summary>
    public required int MatchedWeeks { get; init; }

    /// <summary>
    /// The estimate less the lowest cost's, week by week on the same held-out weeks, and its standard error: a higher cost
    /// is chosen only when this gain exceeds 1.645 of them. Absent from cards tuned before 2026-12-06.
    /// </summary>
    public double? GainOverLowest { get; init; }

    /// <summary>The standard error of <see cref="GainOverLowest"/>.</summary>
    public double? GainError { get; init; }
}

/// <summary>One channel's calibration of the prior's opt-out curve against the population.</summary>
public sealed record OptOutCalibrationCard
{
    /// <summary>push or email.</summary>
    public required string Channel { get; init; }

    /// <summary>Planned weeks with at least one message on the channel.</summary>
    public required int Weeks { get; init; }

    /// <summary>Share of those weeks with an opt-out.</summary>
    public required double ObservedRate { get; init; }

    /// <summary>The uncalibrated prior's mean predicted opt-out probability over the same weeks.</summary>
    public required double PriorRate { get; init; }

    /// <summary>What the prior's hazard is multiplied by: observed over predicted, shrunk toward 1 by a few pseudo-opt-outs.</summary>
    public required double Scale { get; init; }

    /// <summary>The same comparison by band of the channel's planned frequency (a reliability table).</summary>
    public required IReadOnlyList<OptOutCalibrationBand> Bands { get; init; }
}

/// <summary>Observed and predicted opt-out rates over the weeks planned in one frequency band.</summary>
public sealed record OptOutCalibrationBand
{
    /// <summary>The band, e.g. 3-5.</summary>
    public required string Frequencies { get; init; }

    public required int Weeks { get; init; }

    public required double ObservedRate { get; init; }

    public required double PriorRate { get; init; }
}

/// <summary>Cold start: priors per activity cohort, and the trained model's mean plan from a new member to an established one.</summary>
public sealed record ColdStartCard
{
    /// <summary>The features a member with no history starts from, per cohort of imported activity.</summary>
    public required IReadOnlyList<CohortPrior> Priors { get; init; }

    /// <summary>Per cohort: the plan of a brand-new member on its cohort's priors, then mean plans by tenure.</summary>
    public required IReadOnlyList<PlanProgression> Progression { get; init; }
}

/// <summary>The mean plan of one cohort at one stage of tenure.</summary>
public sealed record PlanProgression
{
    /// <summary>The activity cohort.</summary>
    public required string Cohort { get; init; }

    /// <summary>"new member (priors)" or a tenure range.</summary>
    public required string Stage { get; init; }

    /// <summary>Logged member-weeks behind the mean (0 for the priors' newcomer).</summary>
    public required int Members { get; init; }

    /// <summary>Mean pushes per week planned.</summary>
    public required double Push { get; init; }

    /// <summary>Mean emails per week planned.</summary>
    public required double Email { get; init; }
}

/// <summary>The fast policy's LinUCB ranker: ridge-regression weights over the bandit features and the inverse Gram matrix.</summary>
public sealed record BanditCard
{
    /// <summary>Feature names, in vector order.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>theta: the predicted engagement is theta . x.</summary>
    public required IReadOnlyList<double> Theta { get; init; }

    /// <summary>(lambda I + sum x x')^-1, row-major: the exploration bonus is alpha sqrt(x' A^-1 x).</summary>
    public required IReadOnlyList<double> InverseGram { get; init; }

    /// <summary>
    /// Per category bucket, the plays within a day of a send per unit of the relevance sent (plays over summed
    /// relevance), shrunk toward the yield over all buckets by <see cref="Bandit.BanditTrainer.PlayYieldPrior"/> units;
    /// null when the log records no plays. Relevance times its intent's yield is the plays a send can expect, which the
    /// causal ranker's effect is built on: an intent opened out of curiosity yields fewer.
    /// </summary>
    public IReadOnlyList<double>? PlayYield { get; init; }

    /// <summary>The exploration weight alpha.</summary>
    public required double Alpha { get; init; }

    /// <summary>The ridge lambda.</summary>
    public required double Ridge { get; init; }

    /// <summary>Sends trained on.</summary>
    public required int TrainSends { get; init; }

    /// <summary>Held-out members' sends the metrics come from.</summary>
    public required int ValidationSends { get; init; }

    /// <summary>Engagement rates, Brier score, calibration error, and the weight of the recovering feature.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Per intent and channel: predicted against observed engagement on held-out sends, and the factor applied.</summary>
    public IReadOnlyList<CalibrationCell> Calibration { get; init; } = [];
}

/// <summary>
/// The fast policy's causal ranker: the effect of sending a message now on the member's engaged days over the day and
/// the next, an S-learner fitted on the pacing coins' randomised sends and holds, calibrated per intent and channel.
/// </summary>
public sealed record CausalRankerCard
{
    /// <summary>Feature names, in vector order.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>The effect of sending is effect . x (before the cell's offset), over <see cref="Features"/>.</summary>
    public required IReadOnlyList<double> Effect { get; init; }

    /// <summary>The ridge on every weight of the weighted least squares.</summary>
    public required double Ridge { get; init; }

    /// <summary>Days the outcome counts: the decision's day and the ones after it.</summary>
    public required int HorizonDays { get; init; }

    /// <summary>Randomised sends trained on.</summary>
    public required int TrainSends { get; init; }

    /// <summary>Pacing holds trained on.</summary>
    public required int TrainHolds { get; init; }

    /// <summary>Held-out members' randomised decisions the calibration comes from.</summary>
    public required int ValidationDecisions { get; init; }

    /// <summary>The mean predicted effect over those decisions, in engaged days.</summary>
    public required double MeanPredictedEffect { get; init; }

    /// <summary>Per intent and channel: the predicted effect against the randomised estimate, and the offset applied.</summary>
    public IReadOnlyList<EffectCalibrationCell> Calibration { get; init; } = [];

    /// <summary>The weight of each direction the effect was fitted along (the engagement prediction, activity, channel, ...).</summary>
    public IReadOnlyDictionary<string, double> Terms { get; init; } = new Dictionary<string, double>();
}

/// <summary>One intent (category) on one channel: the causal ranker's predicted effect against the randomised estimate.</summary>
public sealed record EffectCalibrationCell
{
    /// <summary>The message intent.</summary>
    public required string Category { get; init; }

    /// <summary>push, email or inapp.</summary>
    public required string Channel { get; init; }

    /// <summary>Held-out randomised sends in the cell.</summary>
    public required int Sends { get; init; }

    /// <summary>Held-out pacing holds in the cell.</summary>
    public required int Holds { get; init; }

    /// <summary>The ranker's mean predicted effect, weighted as the estimate is.</summary>
    public required double Predicted { get; init; }

    /// <summary>The weighted mean outcome of sends less that of holds; null with fewer than two of either.</summary>
    public double? Observed { get; init; }

    /// <summary>Lower end of the estimate's 95% interval.</summary>
    public double? ObservedLower { get; init; }

    /// <summary>Upper end of the estimate's 95% interval.</summary>
    public double? ObservedUpper { get; init; }

    /// <summary>Added to the ranker's effect for the cell when it serves: the cell's own gap beyond the shared one, shrunk by its precision.</summary>
    public required double Offset { get; init; }

    /// <summary>
    /// The gap every measured cell shares (the same for every cell of a card): the level of the coins' effect of sending
    /// now against holding, which the calibrated effect (<see cref="Predicted"/> + this + <see cref="Offset"/>) includes
    /// and the served score does not.
    /// </summary>
    public double Shared { get; init; }

    /// <summary>How far the cells' true effects were estimated to stray from the model's (the same for every cell of a card).</summary>
    public double Spread { get; init; }
}

/// <summary>One intent (category) on one channel: the ranker's prediction against the inverse-propensity-weighted outcome.</summary>
public sealed record CalibrationCell
{
    /// <summary>The message intent.</summary>
    public required string Category { get; init; }

    /// <summary>push, email or inapp.</summary>
    public required string Channel { get; init; }

    /// <summary>Held-out sends in the cell.</summary>
    public required int Sends { get; init; }

    /// <summary>What the weighted sends are worth: (sum w)^2 / sum w^2.</summary>
    public required double EffectiveSends { get; init; }

    /// <summary>The ranker's mean predicted engagement.</summary>
    public required double Predicted { get; init; }

    /// <summary>The weighted engagement rate observed.</summary>
    public required double Observed { get; init; }

    /// <summary>Lower end of the observed rate's 95% interval.</summary>
    public required double ObservedLower { get; init; }

    /// <summary>Upper end of the observed rate's 95% interval.</summary>
    public required double ObservedUpper { get; init; }

    /// <summary>The observed rate shrunk toward the prediction by the cell's effective sends.</summary>
    public required double Shrunk { get; init; }

    /// <summary>Shrunk / predicted: what serving multiplies the cell's predictions by.</summary>
    public required double Factor { get; init; }
}

/// <summary>One trained model of a version.</summary>
public sealed record ModelHeadCard
{
    /// <summary>The ML.NET model file, relative to the version's folder; null for a head ML.NET did not fit (ridge regression).</summary>
    public string? File { get; init; }

    /// <summary>The trainer.</summary>
    public required string Trainer { get; init; }

    /// <summary>The label it predicts.</summary>
    public required string Label { get; init; }

    /// <summary>Rows trained on.</summary>
    public required int TrainRows { get; init; }

    /// <summary>Rows of held-out members the metrics come from.</summary>
    public required int ValidationRows { get; init; }

    /// <summary>Validation metrics: rmse and r2 for rewards; auc, logLoss, calibrationError and baseRate for opt-outs.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Weights over the crossed feature vector (traits, then traits x each basis).</summary>
    public required IReadOnlyList<float> Weights { get; init; }

    /// <summary>The bias.</summary>
    public required double Bias { get; init; }

    /// <summary>Platt calibration slope of a probability: p = 1 / (1 + exp(slope * score + offset)).</summary>
    public double? PlattSlope { get; init; }

    /// <summary>Platt calibration offset.</summary>
    public double? PlattOffset { get; init; }
}

/// <summary>
/// The utility U = sum_k w_k Reward_k - c sends - sum_ch cost_ch P(opt-out_ch), checked along each frequency axis
/// for a sample of members: second differences that are positive mean more messages start paying more again.
/// </summary>
public sealed record ConcavityReport
{
    /// <summary>Members whose utility was checked.</summary>
    public required int MembersChecked { get; init; }

    /// <summary>Share of members whose utility is not concave in push frequency somewhere.</summary>
    public required double PushNonConcaveShare { get; init; }

    /// <summary>Share of members whose utility is not concave in email frequency somewhere.</summary>
    public required double EmailNonConcaveShare { get; init; }

    /// <summary>The largest positive second difference seen, in utility units.</summary>
    public required double LargestViolation { get; init; }

    /// <summary>Where it is not concave, in words (empty when it is everywhere).</summary>
    public required string Where { get; init; }
}

/// <summary>
/// The promotion check of a version trained with a serving model to beat: each model plans held-out members'
/// explored weeks, and each plan is credited with the engaged days (over the week and the next, less the member's
/// predicted level) of the weeks whose random action was within one push and one email of it. The version is
/// promoted when its plans earn more by over 1.645 standard errors, each plan matching at least 200 weeks.
/// </summary>
public sealed record PromotionCheck
{
    /// <summary>The version it was compared with: the one serving when it was trained.</summary>
    public required string Champion { get; init; }

    /// <summary>Held-out explored weeks followed by a logged week.</summary>
    public required int Rows { get; init; }

    /// <summary>Of those, the weeks whose action was within one step of this version's plan.</summary>
    public required int Matched { get; init; }

    /// <summary>Likewise for the serving version's plan.</summary>
    public required int ChampionMatched { get; init; }

    /// <summary>Mean engaged days over two weeks above the member's predicted level, on this version's matched weeks.</summary>
    public required double Value { get; init; }

    /// <summary>Likewise for the serving version.</summary>
    public required double ChampionValue { get; init; }

    /// <summary><see cref="Value"/> less <see cref="ChampionValue"/>: positive when this version's plans earned more.</summary>
    public required double Improvement { get; init; }

    /// <summary>Standard error of <see cref="Improvement"/>.</summary>
    public required double StandardError { get; init; }

    /// <summary>Whether this version should replace the serving one.</summary>
    public required bool Promoted { get; init; }
}
