using BenchmarkDotNet.Attributes;
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
    private SlowPolicy _softmax = null!;
    private PlanningWorkspace _workspace = null!;
    private Random _random = null!;

    [GlobalSetup]
    public void Setup()
    {
        var model = new ParametricRewardModel();
        _epsilonGreedy = new SlowPolicy(_grid, model, new SlowPolicyOptions());
        _softmax = new SlowPolicy(_grid, model, new SlowPolicyOptions { Exploration = ExplorationMode.Softmax });
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
    public int EvaluateGreedy()
    {
        var checksum = 0;
        for (var m = 0; m < _members.Length; m++)
        {
            checksum += _epsilonGreedy.Evaluate(_members[m], ChannelSet.All, _workspace);
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
}
