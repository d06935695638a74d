using BenchmarkDotNet.Attributes;
using NotificationActors.Learning.Models;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Benchmarks;

/// <summary>
/// The slow planning kernel: every action of the default grid for one member, under the default parametric
/// model. Each invocation plans a whole population slice, so the reported time is per member.
/// </summary>
[Throughput("members", 200_000)]
public class PlanningBenchmark
{
    private const int MemberCount = 1024;
    private const int Seed = 20260601;

    private readonly ActionGrid _grid = ActionGrid.Default;
    private MemberFeatures[] _members = [];
    private double[] _utilities = [];
    private SlowPolicy _epsilonGreedy = null!;
    private SlowPolicy _configuredPrices = null!;
    private SlowPolicy _scaledPrior = null!;
    private SlowPolicy _worthPredictedApart = null!;
    private SlowPolicy _softmax = null!;
    private SlowPolicy _learned = null!;
    private PlanningWorkspace _workspace = null!;
    private PlanningWorkspace? _learnedWorkspace;
    private Random _random = null!;

    [GlobalSetup]
    public void Setup()
    {
        var model = new ParametricRewardModel();
        _epsilonGreedy = new SlowPolicy(_grid, model, new SlowPolicyOptions());
        _softmax = new SlowPolicy(_grid, model, new SlowPolicyOptions { Exploration = ExplorationMode.Softmax });
        _configuredPrices = new SlowPolicy(_grid, model, new SlowPolicyOptions { OptOutWorthWeeks = 0 });
        _scaledPrior = new SlowPolicy(_grid, new OptOutScaledModel(model, 1.5, 0.8), new SlowPolicyOptions());
        _worthPredictedApart = new SlowPolicy(_grid, new Unrecognised(model), new SlowPolicyOptions());
        _learned = new SlowPolicy(_grid, LearnedModel(new Random(Seed)), new SlowPolicyOptions());
        _workspace = _epsilonGreedy.CreateWorkspace();
        _random = new Random(Seed);

        var population = new Random(Seed);
        _members = new MemberFeatures[MemberCount];
        _utilities = new double[MemberCount * _grid.Count];
        for (var i = 0; i < MemberCount; i++)
        {
            _members[i] = RandomMember(population);
            _epsilonGreedy.Evaluate(_members[i], ChannelSet.All, _workspace);
            _workspace.Utilities.CopyTo(_utilities.AsSpan(i * _grid.Count, _grid.Count));
        }
    }

    // The floor: reading 98 ready utilities and keeping the best, so the ratio is the model's own cost.
    [Benchmark(Baseline = true, OperationsPerInvoke = MemberCount)]
    public int ArgmaxOfPrecomputedUtilities()
    {
        var n = _grid.Count;
        var checksum = 0;
        for (var m = 0; m < MemberCount; m++)
        {
            var utility = _utilities.AsSpan(m * n, n);
            var best = 0;
            for (var a = 1; a < n; a++)
            {
                if (utility[a] > utility[best]) best = a;
            }

            checksum += best;
        }

        return checksum;
    }

    [Benchmark(OperationsPerInvoke = MemberCount)]
    public int EvaluateGreedy() => EvaluateAll(_epsilonGreedy);

    // Opt-outs at the configured prices, without reading each channel's worth to the member: what pricing by worth adds.
    [Benchmark(OperationsPerInvoke = MemberCount)]
    public int EvaluateGreedyConfiguredPrices() => EvaluateAll(_configuredPrices);

    // The prior as the loop serves it before any promotion: its opt-out scale calibrated from the population.
    [Benchmark(OperationsPerInvoke = MemberCount)]
    public int EvaluateGreedyScaledPrior() => EvaluateAll(_scaledPrior);

    // The prior's rewards predicted a second time for the worth, as for any model whose rewards are not the prior's.
    [Benchmark(OperationsPerInvoke = MemberCount)]
    public int EvaluateGreedyWorthPredictedApart() => EvaluateAll(_worthPredictedApart);

    private int EvaluateAll(SlowPolicy policy)
    {
        var checksum = 0;
        for (var m = 0; m < _members.Length; m++)
        {
            checksum += policy.Evaluate(_members[m], ChannelSet.All, _workspace);
        }

        return checksum;
    }

    // The trained model served from its extracted weights: the learning issue's target is to plan no slower than this kernel's rate.
    [Benchmark(OperationsPerInvoke = MemberCount)]
    public int EvaluateGreedyLearnedModel()
    {
        var checksum = 0;
        var workspace = _learnedWorkspace ??= _learned.CreateWorkspace();
        for (var m = 0; m < _members.Length; m++)
        {
            checksum += _learned.Evaluate(_members[m], ChannelSet.All, workspace);
        }

        return checksum;
    }

    [Benchmark(OperationsPerInvoke = MemberCount)]
    public double PlanEpsilonGreedy() => PlanAll(_epsilonGreedy);

    [Benchmark(OperationsPerInvoke = MemberCount)]
    public double PlanSoftmax() => PlanAll(_softmax);

    private double PlanAll(SlowPolicy policy)
    {
        var checksum = 0.0;
        for (var m = 0; m < _members.Length; m++)
        {
            checksum += policy.Plan(_members[m], ChannelSet.All, _workspace, _random).Propensity;
        }

        return checksum;
    }

    // Casual to heavy viewers, new to long-tenured, rested to fatigued, so the argmax lands all over the grid
    // and branch prediction cannot learn one member's answer.
    private static MemberFeatures RandomMember(Random random) => new()
    {
        EngagedDaysPerWeek = random.NextDouble() * 7,
        TenureWeeks = random.NextDouble() * 260,
        PushOpenRate = random.NextDouble() * 0.45,
        EmailOpenRate = random.NextDouble() * 0.55,
        DismissRate = random.NextDouble() * 0.6,
        RecentPushPerWeek = random.NextDouble() * 12,
        RecentEmailPerWeek = random.NextDouble() * 6,
    };

    // The prior's predictions without its claim to be the prior (IRewardModel.PredictsPriorRewards).
    private sealed class Unrecognised(IRewardModel model) : IRewardModel
    {
        public string Version => model.Version;

        public IReadOnlyList<string> RewardNames => model.RewardNames;

        public void Predict(in MemberFeatures member, ActionGrid grid, Span<double> rewards, Span<double> optOutProbability) =>
            model.Predict(member, grid, rewards, optOutProbability);
    }

    // Weights do not change the cost of a linear model, so random ones stand in for a trained version.
    private static LearnedRewardModel LearnedModel(Random random)
    {
        LinearHead Head(int length, bool probability) => new(
            [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5))], 1, probability ? -1 : 0, probability ? 4 : 0);
        return new LearnedRewardModel("bench", Head(RewardBasis.RewardLength, false), Head(RewardBasis.RewardLength, false),
            Head(RewardBasis.OptOutLength, true), Head(RewardBasis.OptOutLength, true));
    }
}
