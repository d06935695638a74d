using Microsoft.ML;
using Microsoft.ML.Data;
using NotificationActors.Abstractions.Members;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Evaluation;
using NotificationActors.Learning.Models;
using NotificationActors.Learning.Tests.Support;
using NotificationActors.Simulation.Learning;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using Xunit.Abstractions;

namespace NotificationActors.Learning.Tests.Training;

/// <summary>Trains once on a synthetic log with known truth and checks what the models learned against it.</summary>
public sealed class RewardModelTrainingTests(RewardModelTrainingTests.TrainedOnSyntheticLog trained, ITestOutputHelper output)
    : IClassFixture<RewardModelTrainingTests.TrainedOnSyntheticLog>
{
    private static readonly ActionGrid Grid = SyntheticWorld.Grid;

    /// <summary>Fresh members the models never saw: the truth is compared on them.</summary>
    private static readonly MemberFeatures[] Unseen = SyntheticWorld.Members(300, seed: 99);

    [Fact]
    public void TheFittedEngagementCurveRecoversTheTrueCurveWithinAThirdOfADay()
    {
        var (model, n) = (trained.Model, Grid.Count);
        var rewards = new double[2 * n];
        var optOut = new double[2 * n];
        var meanError = new double[n];
        var worstMember = 0.0;
        foreach (var member in Unseen)
        {
            model.Predict(member, Grid, rewards, optOut);
            var memberError = 0.0;
            for (var a = 0; a < n; a++)
            {
                var action = Grid.Actions[a];
                var error = rewards[a] - SyntheticWorld.Engagement(member, action.Push, action.Email);
                meanError[a] += error / Unseen.Length;
                memberError += Math.Abs(error) / n;
            }

            worstMember = Math.Max(worstMember, memberError);
        }

        var worstAction = meanError.Max(Math.Abs);
        output.WriteLine($"population curve: worst action off by {worstAction:F3} days; worst member off by {worstMember:F3} days on average");
        Assert.True(worstAction < 0.33, $"the population curve is off by {worstAction:F3} engaged days at some action");
        Assert.True(worstMember < 0.6, $"a member's curve is off by {worstMember:F3} engaged days on average");
    }

    [Fact]
    public void TheNextWeekModelRecoversTheCarryOverOfMoreMessages()
    {
        var n = Grid.Count;
        var rewards = new double[2 * n];
        var optOut = new double[2 * n];
        var worst = 0.0;
        var meanError = new double[n];
        foreach (var member in Unseen)
        {
            trained.Model.Predict(member, Grid, rewards, optOut);
            for (var a = 0; a < n; a++)
            {
                // The next week's level also holds that week's own (random) action; the lift relative to no messages is this week's doing.
                var action = Grid.Actions[a];
                var predictedLift = rewards[n + a] - rewards[n];
                var trueLift = SyntheticWorld.CarryOver(member, action.Push, action.Email) - SyntheticWorld.CarryOver(member, 0, 0);
                meanError[a] += (predictedLift - trueLift) / Unseen.Length;
            }
        }

        worst = meanError.Max(Math.Abs);
        output.WriteLine($"next-week lift: worst action off by {worst:F3} days");
        Assert.True(worst < 0.25, $"the next-week lift is off by {worst:F3} engaged days at some action");
    }

    [Fact]
    public void OptOutModelsAreAboutAsCalibratedAsTheTrueProbabilitiesOnFreshMembers()
    {
        // On rare events a calibration error is mostly sampling noise, so the yardstick is the error the true
        // probabilities themselves show on the same fresh draws.
        var random = new Random(5);
        var n = Grid.Count;
        var rewards = new double[2 * n];
        var optOut = new double[2 * n];
        foreach (var channel in new[] { MessageChannel.Push, MessageChannel.Email })
        {
            var model = new List<(double, bool)>();
            var truth = new List<(double, bool)>();
            for (var i = 0; i < 100_000; i++)
            {
                var member = SyntheticWorld.Member(random);
                var a = random.Next(n);
                var action = Grid.Actions[a];
                var frequency = channel == MessageChannel.Push ? action.Push : action.Email;
                var p = SyntheticWorld.OptOut(member, frequency, channel);
                var happened = random.NextDouble() < p;
                trained.Model.Predict(member, Grid, rewards, optOut);
                model.Add((optOut[(channel == MessageChannel.Push ? 0 : n) + a], happened));
                truth.Add((p, happened));
            }

            var (modelError, truthError) = (RewardModelTrainer.CalibrationError([.. model]), RewardModelTrainer.CalibrationError([.. truth]));
            var baseRate = truth.Average(t => t.Item2 ? 1.0 : 0);
            output.WriteLine($"{channel}: base rate {baseRate:F4}, calibration error {modelError:F4} (truth {truthError:F4})");
            Assert.True(modelError <= (1.5 * truthError) + (0.1 * baseRate), $"{channel}: calibration error {modelError:F4}, the truth's {truthError:F4}, base rate {baseRate:F4}");
        }

        foreach (var head in new[] { RewardModelTrainer.PushOptOutHead, RewardModelTrainer.EmailOptOutHead })
        {
            var metrics = trained.Card.Heads[head].Metrics;
            Assert.True(metrics["calibrationError"] < metrics["baseRate"], $"{head}: the card's calibration error {metrics["calibrationError"]:F4} is not below the base rate");
            Assert.True(metrics["auc"] > 0.6, $"{head}: AUC {metrics["auc"]:F3}");
        }
    }

    [Fact]
    public void PlansFromTheLearnedModelCaptureMostOfTheTrueAchievableGain()
    {
        var options = new SlowPolicyOptions { Exploration = ExplorationMode.Greedy };
        var policy = new SlowPolicy(Grid, trained.Model, options);
        var workspace = policy.CreateWorkspace();
        double captured = 0, achievable = 0;
        foreach (var member in Unseen)
        {
            var chosen = policy.Evaluate(member, Policy.Actions.ChannelSet.All, workspace);
            var utilities = Enumerable.Range(0, Grid.Count).Select(a => SyntheticWorld.Utility(member, Grid.Actions[a], options)).ToArray();
            captured += utilities[chosen] - utilities[0];
            achievable += utilities.Max() - utilities[0];
        }

        output.WriteLine($"captured {captured / achievable:P1} of the achievable gain over sending nothing");
        // The world's curves turn down; with bases that only rise the plans captured 88.0% and the population curve was off by 0.41 days.
        Assert.True(captured >= 0.9 * achievable, $"plans capture {captured / achievable:P1} of the achievable gain");
    }

    [Fact]
    public void TheTrainedUtilityIsConcaveForMostMembersAndTheCardSaysWhereNot()
    {
        var concavity = trained.Card.Concavity;
        output.WriteLine($"largest {concavity.LargestViolation:G3}; checked {concavity.MembersChecked}; push {concavity.PushNonConcaveShare:P1}, email {concavity.EmailNonConcaveShare:P1}; '{concavity.Where}'");
        Assert.True(concavity.MembersChecked > 100);
        Assert.True(concavity.PushNonConcaveShare <= 0.25 && concavity.EmailNonConcaveShare <= 0.5, concavity.Where);
        Assert.Equal(concavity.PushNonConcaveShare == 0 && concavity.EmailNonConcaveShare == 0, concavity.Where.Length == 0);
    }

    [Fact]
    public void TheSavedVersionServesWhatMLNetPredictsFromItsOwnFiles()
    {
        var loaded = ModelArtefacts.LoadRewardModel(trained.Folder);
        Assert.Equal(trained.Card.Version, loaded.Version);

        // The ridge heads are the card's weights alone; the opt-out heads are ML.NET models saved beside it.
        Assert.Null(trained.Card.Heads[RewardModelTrainer.EngagementHead].File);
        Assert.False(File.Exists(Path.Combine(trained.Folder, "engagedDays.zip")));
        var ml = new MLContext(1);
        var engine = ml.Model.Load(Path.Combine(trained.Folder, trained.Card.Heads[RewardModelTrainer.PushOptOutHead].File!), out _);
        var n = Grid.Count;
        var rewards = new double[2 * n];
        var optOut = new double[2 * n];
        foreach (var member in Unseen.Take(20))
        {
            loaded.Predict(member, Grid, rewards, optOut);
            foreach (var a in new[] { 0, 17, n - 1 })
            {
                var input = ml.Data.LoadFromEnumerable([new Example { Features = RewardModelTrainer.OptOutFeatures(member, Grid.Actions[a].Push) }], SchemaFor(RewardBasis.OptOutLength));
                var probability = engine.Transform(input).GetColumn<float>("Probability").Single();
                Assert.Equal(probability, optOut[a], 1e-4);
            }
        }
    }

    private static SchemaDefinition SchemaFor(int length)
    {
        var schema = SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, length);
        return schema;
    }

    private sealed class Example
    {
        public float[] Features { get; set; } = [];
    }

    /// <summary>
    /// Trained with the parametric prior serving, the card says whether the new version should replace it: on a log of
    /// 30,000 explored weeks whose world is not the prior's, the learned plans clearly earn more.
    /// </summary>
    [Fact]
    public void TheCardComparesTheVersionsPlansWithTheServingModelsAndPromotesItWhenTheyClearlyEarnMore()
    {
        var check = trained.Card.Promotion!;
        output.WriteLine($"{check.Value:F3} ({check.Matched}) against {check.ChampionValue:F3} ({check.ChampionMatched}) +- {check.StandardError:F3}");

        Assert.Equal(ParametricRewardModel.DefaultVersion, check.Champion);
        Assert.True(check.Matched >= PlanCheck.MinMatched && check.ChampionMatched >= PlanCheck.MinMatched, $"{check.Matched} and {check.ChampionMatched} matched weeks");
        Assert.True(check.Promoted, $"{check.Value:F3} against the prior's {check.ChampionValue:F3} (+- {check.StandardError:F3})");
    }

    /// <summary>
    /// The card calibrates the prior's opt-out level to the log, and the prior a version serves (when its reward models
    /// are not promoted) plans with that calibration and the version's learned opt-out models.
    /// </summary>
    [Fact]
    public void TheVersionCalibratesThePriorsOptOutsAndServesThemWithItsLearnedOptOutModels()
    {
        var prior = ModelArtefacts.LoadPrior(trained.Card);
        var policy = new SlowPolicy(Grid, prior, new SlowPolicyOptions { Exploration = ExplorationMode.Greedy });
        var workspace = policy.CreateWorkspace();
        policy.Evaluate(Unseen[0], Policy.Actions.ChannelSet.All, workspace);
        var learned = new double[Grid.Count * 2];
        trained.Model.Predict(Unseen[0], Grid, new double[Grid.Count * 2], learned);

        foreach (var channel in trained.Card.OptOutCalibration)
        {
            output.WriteLine($"{channel.Channel}: observed {channel.ObservedRate:F4}, prior {channel.PriorRate:F4}, scale {channel.Scale:F3}");
            Assert.Equal(channel.ObservedRate, channel.PriorRate * channel.Scale, 0.25 * channel.ObservedRate);
        }

        Assert.Equal($"{ParametricRewardModel.DefaultVersion}+opt-out-synthetic-1", prior.Version);
        Assert.Equal(learned, workspace.PredictedOptOut.ToArray());
    }

    public sealed class TrainedOnSyntheticLog : IAsyncLifetime
    {
        private readonly string _root = Directory.CreateTempSubdirectory("na-models-").FullName;

        public ModelCard Card { get; private set; } = null!;

        public string Folder { get; private set; } = "";

        public IRewardModel Model { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var log = new ListLearningLog([.. SyntheticWorld.Log(members: 10_000, weeks: 6, exploration: 0.5, seed: 7)]);
            var options = new RewardTrainingOptions { Grid = Grid };
            var store = new FolderModelStore(_root);
            Card = await ModelTraining.TrainAsync(log, null, null, store, "synthetic-1", options, champion: new ParametricRewardModel());
            Folder = store.FolderOf("synthetic-1");
            Model = ModelArtefacts.LoadRewardModel(Folder);
        }

        public Task DisposeAsync()
        {
            Directory.Delete(_root, recursive: true);
            return Task.CompletedTask;
        }
    }
}
