using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Bandit;
using NotificationActors.Learning.ColdStart;
using NotificationActors.Learning.Evaluation;
using NotificationActors.Learning.Models;
using NotificationActors.Learning.Tuning;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Training;

/// <summary>
/// Fits the slow policy's models: engaged days this week and next by exact ridge regression on explored
/// weeks only (randomised actions, each weighted by its inverse propensity, so the frequency effect is causal), partially
/// pooled toward the population's curve, and per-channel opt-out by L-BFGS logistic
/// regression (ML.NET) on every planned week (explicit negative feedback is too sparse to waste; the features that chose
/// the action are in the model). Metrics come from members held out by id hash.
/// </summary>
internal sealed class RewardModelTrainer(RewardTrainingOptions options)
{
    public const string EngagementHead = "engagement";
    public const string NextWeekEngagementHead = "nextWeekEngagement";
    public const string PushOptOutHead = "pushOptOut";
    public const string EmailOptOutHead = "emailOptOut";
    public const string ResponsesHead = "responses";

    private const int ConcavityMembers = 2_000;
    private const int CalibrationBins = 10;

    /// <param name="set">The planned weeks to fit on.</param>
    /// <param name="version">The new version's name.</param>
    /// <param name="stage">Reports each stage as it starts.</param>
    /// <param name="champion">The model serving now, for the promotion check; none leaves the check out.</param>
    /// <param name="start">
    /// Opt-out fits by head that the L-BFGS fits start from, as a week-by-week retraining's last fits
    /// (<see cref="TrainedModels.OptOutFits"/>): they reach the optimum, within the optimiser's tolerance, in far
    /// fewer passes over the rows. None starts from zero.
    /// </param>
    public TrainedModels Train(LearningSet set, string version, IProgress<string>? stage = null, IRewardModel? champion = null, IReadOnlyDictionary<string, LinearBinaryModelParameters>? start = null)
    {
        options.Validate();
        if (set.Rows.Length == 0)
        {
            throw new InvalidDataException($"The learning log holds no planned member-weeks ({set.Records} records read); nothing to train on.");
        }

        var threshold = (uint)(options.ValidationShare * uint.MaxValue);
        bool Validation(in LearningRow row) => row.MemberHash < threshold;
        var explored = set.Rows.Count(r => r.Explored);
        if (explored < options.MinExploredWeeks)
        {
            throw new InvalidDataException(
                $"Only {explored} of {set.Rows.Length} planned weeks were explored (randomised); the reward models need at least {options.MinExploredWeeks}. Raise the exploration share or train on more weeks.");
        }

        foreach (var (channel, count) in new[] { ("push", set.Rows.Count(r => r.PushOptOut)), ("email", set.Rows.Count(r => r.EmailOptOut)) })
        {
            if (count < options.MinOptOuts)
            {
                throw new InvalidDataException($"Only {count} {channel} opt-outs in the log; the opt-out model needs at least {options.MinOptOuts}.");
            }
        }

        // Next week's engagement is known only for a member's weeks followed by a logged week.
        var followed = set.Rows.Count(r => r.Explored && r.NextWeekEngagedDays >= 0);
        if (followed < options.MinExploredWeeks)
        {
            throw new InvalidDataException(
                $"Only {followed} explored weeks are followed by a logged week of the same member; the next-week engagement model needs at least {options.MinExploredWeeks}. Train on more consecutive weeks.");
        }

        // The four heads and the ranker are independent fits: they run side by side, each on its own ML.NET context
        // seeded by its place in this list, so a seed trains the same models however many run at once.
        stage?.Report("fitting the reward, opt-out and ranker models");
        // The surrogate is fitted once, by whichever engaged-day head needs it first, while the opt-out fits run.
        var surrogates = new Lazy<(string Head, FittedHead Fitted)[]>(() => options.Surrogates
            ? [(ResponsesHead, FitReward(set.Rows, r => r.Explored, r => r.Opens + r.Plays, Validation, "opensAndPlays", []))]
            : []);
        var fits = new (string Head, Func<MLContext, FittedHead> Fit)[]
        {
            (EngagementHead, _ => FitReward(set.Rows, r => r.Explored, r => r.EngagedDays, Validation, "engagedDays", surrogates.Value)),
            (NextWeekEngagementHead, _ => FitReward(set.Rows, r => r.Explored && r.NextWeekEngagedDays >= 0, r => r.NextWeekEngagedDays, Validation, "nextWeekEngagedDays", surrogates.Value)),
            (PushOptOutHead, ml => FitOptOut(ml, set.Rows, r => r.Push, r => r.PushOptOut, Validation, "pushOptOut", start?.GetValueOrDefault(PushOptOutHead))),
            (EmailOptOutHead, ml => FitOptOut(ml, set.Rows, r => r.Email, r => r.EmailOptOut, Validation, "emailOptOut", start?.GetValueOrDefault(EmailOptOutHead))),
        };
        var heads = new FittedHead[fits.Length];
        (BanditCard? Card, string? Skipped) ranker = default;
        (CausalRankerCard? Card, string? Skipped) causal = default;
        Parallel.For(0, fits.Length + 1, new ParallelOptions { MaxDegreeOfParallelism = options.ParallelFits }, i =>
        {
            if (i < fits.Length)
            {
                heads[i] = fits[i].Fit(new MLContext(options.Seed + i));
                return;
            }

            // The causal ranker builds on the engagement ranker's prediction, so it follows it.
            ranker = BanditTrainer.Fit(set.Bandit, options);
            causal = CausalTrainer.Fit(set.Bandit.Causal, ranker.Card, options);
        });
        var fitted = fits.Select((f, i) => (f.Head, Fitted: heads[i])).Concat(surrogates.Value).ToDictionary(f => f.Head, f => f.Fitted, StringComparer.Ordinal);
        var (bandit, banditSkipped) = ranker;
        var model = new LearnedRewardModel(version, fitted[EngagementHead].Head, fitted[NextWeekEngagementHead].Head, fitted[PushOptOutHead].Head, fitted[EmailOptOutHead].Head,
            LearnsInApp(fitted[EngagementHead].Card));
        stage?.Report("concavity, cold start and promotion checks");
        ConcavityReport? concavity = null;
        ColdStartCard? coldStart = null;
        PromotionCheck? promotion = null;
        MessageCostCard? messageCost = null;
        Parallel.Invoke(
            new ParallelOptions { MaxDegreeOfParallelism = options.ParallelFits },
            () => messageCost = VersionCostTuning.Tune(set.Rows.Where(r => Validation(r) && r.NextWeekEngagedDays >= 0).ToArray(), model, options.Grid, options.Policy, options.MessageCosts, options.Seed),
            () => concavity = ConcavityCheck.Run(model, Sample(set.Rows, ConcavityMembers), options.Grid, options.Policy),
            () => coldStart = ColdStartAnalysis.Analyse(set.Rows, model, options.Grid, options.Policy),
            () => promotion = champion is null ? null : PlanCheck.Compare(set.Rows.Where(r => Validation(r)), model, champion, options.Grid, options.Policy));
        var card = new ModelCard
        {
            Version = version,
            TrainedAt = DateTimeOffset.UtcNow,
            DataFrom = set.FirstWeek,
            DataTo = set.LastWeek,
            Records = set.Records,
            PlannedWeeks = set.Rows.Length,
            ExploredWeeks = explored,
            MemberTraits = RewardBasis.MemberTraits,
            RewardBases = RewardBasis.RewardBases,
            OptOutBases = RewardBasis.OptOutBases,
            Heads = fitted.ToDictionary(f => f.Key, f => f.Value.Card, StringComparer.Ordinal),
            Concavity = concavity!,
            Bandit = bandit,
            BanditSkipped = banditSkipped,
            CausalRanker = causal.Card,
            CausalRankerSkipped = causal.Skipped,
            ColdStart = coldStart,
            Promotion = promotion,
            OptOutCalibration = OptOutCalibration.Calibrate(set.Rows),
            MessageCost = messageCost,
        };
        var files = fitted.Values.Where(f => f.Card.File is not null).ToDictionary(f => f.Card.File!, f => (f.Transformer!, f.Schema!), StringComparer.Ordinal);
        var optOutFits = fitted.Where(f => f.Value.Fit is not null).ToDictionary(f => f.Key, f => f.Value.Fit!, StringComparer.Ordinal);
        return new TrainedModels(new MLContext(options.Seed), card, model, files, optOutFits);
    }

    private delegate bool RowFilter(in LearningRow row);

    // Exact ridge from one pass of sufficient statistics (RidgeRegression); it needs no ML.NET context, so it
    // writes no ML.NET file: the card's weights are the model. Partial pooling: the population's curve (the constant
    // trait's bases) and the traits' own levels are barely penalised, while the traits' bending of the curve is shrunk
    // toward it by a penalty chosen on the held-out members from PoolingPenalties, so a small or noisy window gives every
    // member nearly the population's curve and a large one lets members differ as far as the data shows.
    // A surrogate (the week's opens and plays, fitted first on the same weeks) adds one regressor: the responses the
    // action is predicted to cause this member, z = sum of the surrogate's frequency weights x the row's features. Its
    // coefficient, barely penalised, is the surrogate's calibration to engaged days on the randomised weeks. Since z is
    // linear in the same features, the member-specific bending is shrunk toward the surrogate's shape rather than toward
    // none: a row's engaged days carry a noise SD near 2, its opens and plays far less. The result folds back into one
    // head over the usual features, so serving is unchanged.
    private FittedHead FitReward(LearningRow[] rows, Func<LearningRow, bool> use, Func<LearningRow, int> label, RowFilter validation, string labelName,
        IReadOnlyList<(string Head, FittedHead Fitted)> surrogates)
    {
        // Each explored week counts by its inverse logged propensity, tempered (PropensityWeightExponent): fully weighted,
        // the actions are spread over the grid alike for every member, as if all exploration were uniform, while local
        // exploration's actions follow the member's plan, so unweighted, who was planned what could pass for what
        // messages did; but full weights rest the fit on the rare uniform weeks far from any plan.
        var length = RewardBasis.RewardLength + surrogates.Count;
        var ridge = new RidgeRegression(length);
        var heldOut = new List<(float[] Features, double Label, double Weight)>();
        var heldOutMembers = new List<uint>();
        Span<float> features = stackalloc float[length];
        foreach (var row in rows)
        {
            if (!use(row)) continue;
            var basis = features[..RewardBasis.RewardLength];
            RewardFeatures(row, basis);
            for (var k = 0; k < surrogates.Count; k++)
            {
                features[RewardBasis.RewardLength + k] = (float)Effect(surrogates[k].Fitted.Head, basis);
            }

            var weight = Math.Pow(row.Propensity, -options.PropensityWeightExponent);
            if (validation(row))
            {
                heldOut.Add((features.ToArray(), label(row), weight));
                heldOutMembers.Add(row.MemberHash);
            }
            else ridge.Add(features, label(row), weight);
        }

        (LinearHead? Head, double Pooling, double MeanSquare) best = default;
        foreach (var pooling in options.PoolingPenalties.Order())
        {
            var head = ridge.Solve(Penalties(pooling, pricedOutInApp: false));
            var meanSquare = WeightedMean(heldOut, h => (h.Label - head.Score(h.Features)) * (h.Label - head.Score(h.Features)));

            // Ties (and no held-out rows) go to the stronger pooling: the penalties are tried weakest first, however listed.
            if (best.Head is null || meanSquare <= best.MeanSquare) best = (head, pooling, meanSquare);
        }

        double[] Penalties(double pooling, bool pricedOutInApp)
        {
            var penalties = new double[length];
            for (var i = 0; i < penalties.Length; i++)
            {
                var bending = i >= RewardBasis.MemberLength && i < RewardBasis.RewardLength && i % RewardBasis.MemberLength != 0;
                penalties[i] = pricedOutInApp && i >= RewardBasis.PushEmailRewardLength && i < RewardBasis.RewardLength ? PricedOut : bending ? pooling : options.L2;
            }

            return penalties;
        }

        var chosen = Fold(best.Head!, surrogates);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["poolingPenalty"] = best.Pooling, ["propensityWeightExponent"] = options.PropensityWeightExponent };
        if (heldOut.Count > 0)
        {
            // The same fit with the in-app bases priced out: how much they improve held-out weeks' squared error.
            var withoutInApp = ridge.Solve(Penalties(best.Pooling, pricedOutInApp: true));
            var (gain, error) = HeldOutGain(heldOut, heldOutMembers, best.Head!, withoutInApp);
            metrics[InAppHeldOutGain] = gain;
            metrics[InAppHeldOutGainError] = error;
        }

        for (var k = 0; k < surrogates.Count; k++)
        {
            metrics[$"surrogate.{surrogates[k].Head}"] = best.Head!.Weights[RewardBasis.RewardLength + k];
        }

        if (heldOut.Count > 0)
        {
            var mean = WeightedMean(heldOut, h => h.Label);
            var variance = WeightedMean(heldOut, h => (h.Label - mean) * (h.Label - mean));
            metrics["rmse"] = Math.Sqrt(best.MeanSquare);
            metrics["r2"] = variance > 0 ? 1 - (best.MeanSquare / variance) : 0;
        }

        return new FittedHead(chosen, null, null, null, new ModelHeadCard
        {
            Trainer = "RidgeRegression",
            Label = labelName,
            TrainRows = (int)ridge.Rows,
            ValidationRows = heldOut.Count,
            Metrics = metrics,
            Weights = chosen.Weights,
            Bias = chosen.Bias,
        });
    }

    /// <summary>The engaged-days head's metric: mean reduction of held-out weeks' squared error the in-app bases bring.</summary>
    internal const string InAppHeldOutGain = "inAppHeldOutGain";

    /// <summary>Its standard error, clustered by member.</summary>
    internal const string InAppHeldOutGainError = "inAppHeldOutGainError";

    /// <summary>
    /// Whether a version plans in-app caps with the in-app curve it learned: only when its in-app bases predicted held-out
    /// members' engaged days better than the same fit without them, by over 1.645 standard errors. Otherwise the assumed
    /// curve sets its caps: in the simulator, served unchecked, the learned curves cut the caps of casual and regular
    /// viewers where in-app messages help them and lost 0.016 to 0.031 engaged days a member-week in two worlds of three
    /// (docs/learning.md).
    /// </summary>
    internal static bool LearnsInApp(ModelHeadCard engagement) =>
        engagement.Metrics.TryGetValue(InAppHeldOutGain, out var gain) && engagement.Metrics.TryGetValue(InAppHeldOutGainError, out var error)
        && gain > 1.645 * error;

    // A penalty that holds a standardised weight at 0 to within rounding.
    private const double PricedOut = 1e12;

    // Mean over held-out weeks (weighted as in the fit) of how much lower one head's squared error is than another's,
    // and its standard error with each member's weeks as one cluster.
    private static (double Gain, double Error) HeldOutGain(List<(float[] Features, double Label, double Weight)> rows, List<uint> members, LinearHead with, LinearHead without)
    {
        var byMember = new Dictionary<uint, (double Gain, double Weight)>();
        double totalGain = 0, totalWeight = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var (features, label, weight) = rows[i];
            var (a, b) = (label - without.Score(features), label - with.Score(features));
            var gain = weight * ((a * a) - (b * b));
            var (g, w) = byMember.GetValueOrDefault(members[i]);
            byMember[members[i]] = (g + gain, w + weight);
            totalGain += gain;
            totalWeight += weight;
        }

        var mean = totalGain / totalWeight;
        var variance = byMember.Values.Sum(m => (m.Gain - (mean * m.Weight)) * (m.Gain - (mean * m.Weight)));
        return (mean, Math.Sqrt(variance) / totalWeight);
    }

    // What the action adds to a surrogate head's prediction: its frequency-basis terms (every basis is 0 with no messages).
    private static double Effect(LinearHead surrogate, ReadOnlySpan<float> features)
    {
        var sum = 0.0;
        for (var i = RewardBasis.MemberLength; i < RewardBasis.RewardLength; i++)
        {
            sum += surrogate.Weights[i] * features[i];
        }

        return sum;
    }

    // A head over the usual features plus one coefficient per surrogate, as one head over the usual features: each
    // surrogate's frequency weights, times its coefficient, added to the head's own.
    private static LinearHead Fold(LinearHead augmented, IReadOnlyList<(string Head, FittedHead Fitted)> surrogates)
    {
        var weights = augmented.Weights[..RewardBasis.RewardLength];
        for (var k = 0; k < surrogates.Count; k++)
        {
            var coefficient = augmented.Weights[RewardBasis.RewardLength + k];
            var surrogate = surrogates[k].Fitted.Head.Weights;
            for (var i = RewardBasis.MemberLength; i < RewardBasis.RewardLength; i++)
            {
                weights[i] += coefficient * surrogate[i];
            }
        }

        return new LinearHead(weights, augmented.Bias);
    }

    // Over held-out weeks weighted as in the fit; 0 for none.
    private static double WeightedMean(List<(float[] Features, double Label, double Weight)> rows, Func<(float[] Features, double Label, double Weight), double> value) =>
        rows.Count == 0 ? 0 : rows.Sum(r => r.Weight * value(r)) / rows.Sum(r => r.Weight);

    private FittedHead FitOptOut(MLContext ml, LearningRow[] rows, Func<LearningRow, int> frequency, Func<LearningRow, bool> label, RowFilter validation, string labelName, LinearBinaryModelParameters? start)
    {
        var schema = Schema<BinaryExample>(RewardBasis.OptOutLength);
        IEnumerable<BinaryExample> Examples(bool held) => rows.Where(r => validation(r) == held).Select(r => new BinaryExample
        {
            Label = label(r),
            Features = OptOutFeatures(r.Features, frequency(r)),
        });

        var train = ml.Data.Cache(ml.Data.LoadFromEnumerable(Examples(held: false), schema));
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L2Regularization = options.OptOutL2,
            L1Regularization = 0,
            OptimizationTolerance = 1e-7f,
            NumberOfThreads = options.Threads,
        });
        var transformer = start is null ? trainer.Fit(train) : trainer.Fit(train, start);
        var calibrated = transformer.Model;
        var head = new LinearHead(Dense(calibrated.SubModel.Weights, RewardBasis.OptOutLength), calibrated.SubModel.Bias,
            calibrated.Calibrator.Slope, calibrated.Calibrator.Offset);

        var held = rows.Where(r => validation(r)).ToArray();
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["baseRate"] = rows.Count(label) / (double)rows.Length };
        if (held.Length > 0 && held.Any(label) && !held.All(label))
        {
            var evaluation = ml.BinaryClassification.Evaluate(transformer.Transform(ml.Data.LoadFromEnumerable(Examples(held: true), schema)));
            metrics["auc"] = evaluation.AreaUnderRocCurve;
            metrics["logLoss"] = evaluation.LogLoss;
            metrics["calibrationError"] = CalibrationError(held.Select(r => (Predicted: Probability(head, r.Features, frequency(r)), Observed: label(r))).ToArray());
        }

        return new FittedHead(head, transformer, train.Schema, calibrated.SubModel, new ModelHeadCard
        {
            File = $"{labelName}.zip",
            Trainer = "LbfgsLogisticRegression",
            Label = labelName,
            TrainRows = rows.Length - held.Length,
            ValidationRows = held.Length,
            Metrics = metrics,
            Weights = head.Weights,
            Bias = head.Bias,
            PlattSlope = head.PlattSlope,
            PlattOffset = head.PlattOffset,
        });
    }

    /// <summary>
    /// Expected calibration error over equal-count bins of the predicted probability: sum_b (n_b / n) |mean p_b - rate_b|.
    /// Equal-count rather than equal-width bins, because opt-out probabilities crowd near zero.
    /// </summary>
    internal static double CalibrationError((double Predicted, bool Observed)[] outcomes)
    {
        var sorted = outcomes.OrderBy(o => o.Predicted).ToArray();
        var error = 0.0;
        for (var b = 0; b < CalibrationBins; b++)
        {
            var bin = sorted.AsSpan((int)((long)sorted.Length * b / CalibrationBins), (int)(((long)sorted.Length * (b + 1) / CalibrationBins) - ((long)sorted.Length * b / CalibrationBins)));
            if (bin.Length == 0) continue;
            double predicted = 0, observed = 0;
            foreach (var (p, o) in bin)
            {
                predicted += p;
                observed += o ? 1 : 0;
            }

            error += Math.Abs(predicted - observed) / sorted.Length;
        }

        return error;
    }

    private static MemberFeatures[] Sample(LearningRow[] rows, int count)
    {
        var step = Math.Max(1, rows.Length / count);
        return [.. rows.Where((_, i) => i % step == 0).Select(r => r.Features)];
    }

    internal static float[] RewardFeatures(in LearningRow row)
    {
        var features = new float[RewardBasis.RewardLength];
        RewardFeatures(row, features);
        return features;
    }

    private static void RewardFeatures(in LearningRow row, Span<float> features)
    {
        Span<double> traits = stackalloc double[RewardBasis.MemberLength];
        Span<double> bases = stackalloc double[RewardBasis.RewardBases.Length];
        RewardBasis.Member(row.Features, traits);
        RewardBasis.Rewards(row.Push, row.Email, row.InApp, bases);
        RewardBasis.Cross(traits, bases, features);
    }

    internal static float[] OptOutFeatures(in MemberFeatures member, int frequency)
    {
        Span<double> traits = stackalloc double[RewardBasis.MemberLength];
        Span<double> bases = stackalloc double[RewardBasis.OptOutBases.Length];
        RewardBasis.Member(member, traits);
        RewardBasis.OptOut(frequency, bases);
        var features = new float[RewardBasis.OptOutLength];
        RewardBasis.Cross(traits, bases, features);
        return features;
    }

    private static double Probability(LinearHead head, in MemberFeatures member, int frequency) =>
        head.Probability(head.Score(OptOutFeatures(member, frequency)));

    private static float[] Dense(IReadOnlyList<float> weights, int length) => weights.Count == length
        ? [.. weights]
        : throw new InvalidOperationException($"ML.NET returned {weights.Count} weights for {length} features.");

    private static SchemaDefinition Schema<T>(int length)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema[nameof(BinaryExample.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, length);
        return schema;
    }

    // The ML.NET transformer and schema of a head ML.NET fitted (saved beside the card); null for the ridge heads.
    private sealed record FittedHead(LinearHead Head, ITransformer? Transformer, DataViewSchema? Schema, LinearBinaryModelParameters? Fit, ModelHeadCard Card);

    private sealed class BinaryExample
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
