using NotificationActors.Abstractions.Members;
using NotificationActors.Learning.Evaluation;
using NotificationActors.Learning.Tests.Support;
using NotificationActors.Learning.Tests.Training;
using NotificationActors.Learning.Tuning;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Simulation.Learning;
using Xunit.Abstractions;

namespace NotificationActors.Learning.Tests.Tuning;

/// <summary>The cost sweep, scored by off-policy evaluation on the synthetic log, against the truth of the same world.</summary>
public sealed class MessageCostTuningTests(RewardModelTrainingTests.TrainedOnSyntheticLog trained, ITestOutputHelper output)
    : IClassFixture<RewardModelTrainingTests.TrainedOnSyntheticLog>
{
    private static readonly ActionGrid Grid = SyntheticWorld.Grid;
    private static readonly double[] Costs = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0];

    [Fact]
    public async Task TheTunedCostLandsWithinATenthOfADayOfTheTrueBestTheLogResolvesUnderTheCeiling()
    {
        // A log of its own, generated as it is read and much larger than the training log: a deterministic
        // candidate matches about one logged week in two hundred, and opt-outs are rare, so off-policy estimates
        // of an opt-out rate need hundreds of thousands of weeks to resolve a few tenths of a percent.
        var records = SyntheticWorld.Log(members: 100_000, weeks: 6, exploration: 0.5, seed: 8);
        var candidates = PolicyEvaluation.CostSweep(trained.Model, new SlowPolicyOptions(), Costs);
        var sweep = await PolicyEvaluation.EvaluateAsync(new ListLearningLog(records), null, null, candidates, Grid, new OffPolicyOptions { BootstrapResamples = 50 });

        // The truth: each cost's greedy plans for the logged members, valued by the world's own functions.
        var members = records.Where(r => r.Week == "2026-W10").Select(r => Features(r.Features)).ToArray();
        var truth = candidates.Select(c => TrueValue(c, members)).ToArray();
        var ceiling = truth[Array.IndexOf(Costs, 0.2)].OptOut;

        // The stated distance: an opt-out rate is only known to within its estimate's error, so the yardstick is
        // the best cost whose true rate is under the ceiling by two standard errors (one the log tells apart from
        // it), and the chosen cost may overshoot the ceiling by at most two of its own.
        var resolvable = Enumerable.Range(0, Costs.Length).Where(i => truth[i].OptOut <= ceiling - (2 * sweep[i].OptOut.DoublyRobust.StandardError)).ToArray();
        var best = resolvable.Max(i => truth[i].Engagement);

        var tuning = PolicyEvaluation.TuneMessageCost(sweep, ceiling);
        for (var i = 0; i < Costs.Length; i++)
        {
            var e = sweep[i].Engagement.DoublyRobust;
            output.WriteLine($"cost {Costs[i]}: true {truth[i].Engagement:F3} days / {truth[i].OptOut:P2}; DR {e.Value:F3} [{e.Lower:F3}, {e.Upper:F3}] / {sweep[i].OptOut.DoublyRobust.Value:P2} (se {sweep[i].OptOut.DoublyRobust.StandardError:P2}, ips {sweep[i].OptOut.Ips.Value:P2}, snips {sweep[i].OptOut.SelfNormalisedIps.Value:P2}), ESS {sweep[i].Engagement.EffectiveSampleSize:F0}");
        }

        output.WriteLine(tuning.Verdict);
        Assert.NotNull(tuning.ChosenCost);
        var chosen = Array.IndexOf(Costs, tuning.ChosenCost!.Value);
        var overshoot = 2 * sweep[chosen].OptOut.DoublyRobust.StandardError;
        Assert.True(best - truth[chosen].Engagement <= 0.1, $"the chosen cost {Costs[chosen]} gives {truth[chosen].Engagement:F3} engaged days; the best resolvably under the ceiling gives {best:F3}");
        Assert.True(truth[chosen].OptOut <= ceiling + overshoot, $"the chosen cost's true opt-out rate {truth[chosen].OptOut:P2} is past the {ceiling:P2} ceiling by more than {overshoot:P2}");
    }

    [Fact]
    public void WithNoCostUnderTheCeilingNoneIsChosenAndTheVerdictSaysSo()
    {
        var report = new OffPolicyReport(new(0.5, 0.4, 0.6, 0.05), new(0.5, 0.4, 0.6, 0.05), new(0.5, 0.4, 0.6, 0.05), 100, 1000, 0, 10);
        var sweep = new[] { new CandidateEvaluation("cost 0.1", 0.1, report, report) };

        var tuning = PolicyEvaluation.TuneMessageCost(sweep, optOutCeiling: 0.01);

        Assert.Null(tuning.ChosenCost);
        Assert.Contains("No cost keeps the estimated opt-out rate under", tuning.Verdict, StringComparison.Ordinal);
    }

    private static (double Engagement, double OptOut) TrueValue(PolicyCandidate candidate, MemberFeatures[] members)
    {
        var policy = new SlowPolicy(Grid, candidate.Model, new SlowPolicyOptions { MessageCost = candidate.Options.MessageCost, Exploration = ExplorationMode.Greedy });
        var workspace = policy.CreateWorkspace();
        double engagement = 0, optOut = 0;
        foreach (var member in members)
        {
            var action = Grid.Actions[policy.Evaluate(member, ChannelSet.All, workspace)];
            engagement += SyntheticWorld.Engagement(member, action.Push, action.Email) + SyntheticWorld.CarryOver(member, action.Push, action.Email);
            optOut += 1 - ((1 - SyntheticWorld.OptOut(member, action.Push, MessageChannel.Push)) * (1 - SyntheticWorld.OptOut(member, action.Email, MessageChannel.Email)));
        }

        return (engagement / members.Length, optOut / members.Length);
    }

    private static MemberFeatures Features(IReadOnlyDictionary<string, double> described)
    {
        Assert.Null(MemberFeatures.TryRead(described, out var features));
        return features;
    }
}
