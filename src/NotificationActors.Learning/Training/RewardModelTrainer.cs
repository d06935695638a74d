using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Bandit;
using NotificationActors.Learning.ColdStart;
using NotificationActors.Learning.Evaluation;
using NotificationActors.Learning.Models;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Training;

/// <summary>
/// Fits the slow policy's models on ML.NET: engaged days this week and next by SDCA regression on explored
/// weeks only (randomised actions, so the frequency effect is causal), and per-channel opt-out by L-BFGS logistic
/// regression on every planned week (explicit negative feedback is too sparse to waste; the features that chose
/// the action are in the model). Metrics come from members held out by id hash.
/// </summary>
internal sealed class RewardModelTrainer(RewardTrainingOptions options)
{
    public const string EngagementHead = "engagement";
    public const string NextWeekEngagementHead = "nextWeekEngagement";
    public const string PushOptOutHead = "pushOptOut";
    public const string EmailOptOutHead = "emailOptOut";

    private const int ConcavityMembers = 2_000;
    private const int CalibrationBins = 10;

    public TrainedModels Train(LearningSet set, string version, IProgress<string>? stage = null, IRewardModel? champion = null)
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
        var fits = new (string Head, Func<MLContext, FittedHead> Fit)[]
        {
            (EngagementHead, ml => FitReward(ml, set.Rows, r => r.Explored, r => r.EngagedDays, Validation, "engagedDays")),
            (NextWeekEngagementHead, ml => FitReward(ml, set.Rows, r => r.Explored && r.NextWeekEngagedDays >= 0, r => r.NextWeekEngagedDays, Validation, "nextWeekEngagedDays")),
            (PushOptOutHead, ml => FitOptOut(ml, set.Rows, r => r.Push, r => r.PushOptOut, Validation, "pushOptOut")),
            (EmailOptOutHead, ml => FitOptOut(ml, set.Rows, r => r.Email, r => r.EmailOptOut, Validation, "emailOptOut")),
        };
        var heads = new FittedHead[fits.Length];
        (BanditCard? Card, string? Skipped) ranker = default;
        Parallel.For(0, fits.Length + 1, new ParallelOptions { MaxDegreeOfParallelism = options.ParallelFits }, i =>
        {
            if (i < fits.Length) heads[i] = fits[i].Fit(new MLContext(options.Seed + i));
            else ranker = BanditTrainer.Fit(set.Bandit, options);
        });
        var fitted = fits.Select((f, i) => (f.Head, Fitted: heads[i])).ToDictionary(f => f.Head, f => f.Fitted, StringComparer.Ordinal);
        var (bandit, banditSkipped) = ranker;
        var model = new LearnedRewardModel(version, fitted[EngagementHead].Head, fitted[NextWeekEngagementHead].Head, fitted[PushOptOutHead].Head, fitted[EmailOptOutHead].Head);
        stage?.Report("concavity, cold start and promotion checks");
        ConcavityReport? concavity = null;
        ColdStartCard? coldStart = null;
        PromotionCheck? promotion = null;
        Parallel.Invoke(
            new ParallelOptions { MaxDegreeOfParallelism = options.ParallelFits },
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
            ColdStart = coldStart,
            Promotion = promotion,
            OptOutCalibration = OptOutCalibration.Calibrate(set.Rows),
        };
        return new TrainedModels(new MLContext(options.Seed), card, model, fitted.ToDictionary(f => f.Value.Card.File, f => (f.Value.Transformer, f.Value.Schema), StringComparer.Ordinal));
    }

    private delegate bool RowFilter(in LearningRow row);

    private FittedHead FitReward(MLContext ml, LearningRow[] rows, Func<LearningRow, bool> use, Func<LearningRow, int> label, RowFilter validation, string labelName)
    {
        var schema = Schema<RegressionExample>(RewardBasis.RewardLength);
        IEnumerable<RegressionExample> Examples(bool held) => rows.Where(r => use(r) && validation(r) == held).Select(r => new RegressionExample
        {
            Label = label(r),
            Features = RewardFeatures(r),
        });

        var train = ml.Data.Cache(ml.Data.LoadFromEnumerable(Examples(held: false), schema));
        var trainer = ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            L2Regularization = options.L2,
            MaximumNumberOfIterations = options.RegressionIterations,
            ConvergenceTolerance = 1e-7f,
            Shuffle = true,
            NumberOfThreads = options.Threads,
        });
        // Crossed concave bases are strongly correlated; SDCA converges on standardised features, and the
        // standardisation is folded back into the weights so serving multiplies raw features.
        var transformer = ml.Transforms.NormalizeMeanVariance("Features", fixZero: false).Append(trainer).Fit(train);
        var head = Unstandardise(transformer);
        var heldOut = ml.Data.LoadFromEnumerable(Examples(held: true), schema);
        var validationRows = rows.Count(r => use(r) && validation(r));
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (validationRows > 0)
        {
            var evaluation = ml.Regression.Evaluate(transformer.Transform(heldOut));
            metrics["rmse"] = evaluation.RootMeanSquaredError;
            metrics["r2"] = evaluation.RSquared;
        }

        return new FittedHead(head, transformer, train.Schema, new ModelHeadCard
        {
            File = $"{labelName}.zip",
            Trainer = "SdcaRegression",
            Label = labelName,
            TrainRows = rows.Count(r => use(r) && !validation(r)),
            ValidationRows = validationRows,
            Metrics = metrics,
            Weights = head.Weights,
            Bias = head.Bias,
        });
    }

    private FittedHead FitOptOut(MLContext ml, LearningRow[] rows, Func<LearningRow, int> frequency, Func<LearningRow, bool> label, RowFilter validation, string labelName)
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
            L2Regularization = options.L2,
            L1Regularization = 0,
            OptimizationTolerance = 1e-7f,
            NumberOfThreads = options.Threads,
        });
        var transformer = trainer.Fit(train);
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

        return new FittedHead(head, transformer, train.Schema, new ModelHeadCard
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
        Span<double> traits = stackalloc double[RewardBasis.MemberLength];
        Span<double> bases = stackalloc double[RewardBasis.RewardBases.Length];
        RewardBasis.Member(row.Features, traits);
        RewardBasis.Rewards(row.Push, row.Email, bases);
        var features = new float[RewardBasis.RewardLength];
        RewardBasis.Cross(traits, bases, features);
        return features;
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

    private static double Probability(LinearHead head, in MemberFeatures member, int frequency)
    {
        var features = OptOutFeatures(member, frequency);
        var score = head.Bias;
        for (var i = 0; i < features.Length; i++)
        {
            score += head.Weights[i] * features[i];
        }

        return head.Probability(score);
    }

    private static LinearHead Unstandardise(TransformerChain<RegressionPredictionTransformer<LinearRegressionModelParameters>> chain)
    {
        var normaliser = (NormalizingTransformer)chain.First();
        var affine = (NormalizingTransformer.AffineNormalizerModelParameters<System.Collections.Immutable.ImmutableArray<float>>)normaliser.GetNormalizerModelParameters(0);
        var weights = Dense(chain.LastTransformer.Model.Weights, RewardBasis.RewardLength);
        double bias = chain.LastTransformer.Model.Bias;

        // score = sum_i w_i (x_i - offset_i) scale_i + b = sum_i (w_i scale_i) x_i + (b - sum_i w_i scale_i offset_i)
        for (var i = 0; i < weights.Length; i++)
        {
            var scale = affine.Scale.Length == 1 ? affine.Scale[0] : affine.Scale[i];
            var offset = affine.Offset.IsDefaultOrEmpty ? 0 : affine.Offset.Length == 1 ? affine.Offset[0] : affine.Offset[i];
            bias -= weights[i] * scale * offset;
            weights[i] *= scale;
        }

        return new LinearHead(weights, bias);
    }

    private static float[] Dense(IReadOnlyList<float> weights, int length) => weights.Count == length
        ? [.. weights]
        : throw new InvalidOperationException($"ML.NET returned {weights.Count} weights for {length} features.");

    private static SchemaDefinition Schema<T>(int length)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema[nameof(RegressionExample.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, length);
        return schema;
    }

    private sealed record FittedHead(LinearHead Head, ITransformer Transformer, DataViewSchema Schema, ModelHeadCard Card);

    private sealed class RegressionExample
    {
        public float Label { get; set; }

        public float[] Features { get; set; } = [];
    }

    private sealed class BinaryExample
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
