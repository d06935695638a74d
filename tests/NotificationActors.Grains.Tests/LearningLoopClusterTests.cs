using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Calibration;
using NotificationActors.Grains.Experiments;
using NotificationActors.Grains.Hosting;
using NotificationActors.Grains.Learning;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Policies;
using NotificationActors.Grains.Training;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Models;
using NotificationActors.Learning.Serving;
using NotificationActors.Policy.Slow;
using NotificationActors.Simulation.Learning;
using Orleans.TestingHost;

namespace NotificationActors.Grains.Tests;

/// <summary>
/// The learning loop inside a two-silo cluster: its grain trains on the arm's learning log (eight weeks of a
/// synthetic world's records, 2026-W10 to W17) and every silo plans 2026-W19 with what it served for that week; a
/// week later, every activation collected, it carries on from what it wrote.
/// </summary>
public sealed class LearningLoopClusterTests : IAsyncLifetime
{
    // Monday of 2026-W19: before it the log holds the weeks up to W17.
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly FakeTimeProvider Time = new(Start);
    private static readonly string Models = Directory.CreateTempSubdirectory("na-loop-cluster-").FullName;

    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder { Options = { InitialSilosCount = 2 } };
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        foreach (var record in SyntheticWorld.Log(members: 1000, weeks: 8, exploration: 0.5, seed: 11))
        {
            await Log.AppendAsync(record);
        }
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(Models, recursive: true);
    }

    // One log the silos share, as a clustered store would be.
    private static readonly InMemoryLearningLog Log = new();

    [Fact]
    public async Task EverySiloPlansTheWeekWithTheVersionsTheLoopServedForIt()
    {
        // Opt-outs against trained versions' predictions, handed in before this loop trained anything, price whatever
        // trained version it serves: here the challenger; the champion is the built-in prior, priced by its own.
        var today = DateOnly.FromDateTime(Start.UtcDateTime);
        await CalibrationGrains.For(_cluster.GrainFactory, CalibrationGrains.Key("hierarchical", LearnedRewardModel.TrainedLineage))
            .Add(new Dictionary<DateOnly, OptOutTally> { [today.AddDays(-3)] = new(1000, 10.0, 30, 1000, 10.0, 30) });
        var armScale = OptOutScale.From(new OptOutTally(1000, 10.0, 30, 1000, 10.0, 30));

        // The champion's members dismissed a fifth of their messages; the population's rates describe the arm's members,
        // so the challenger's side reads them too, not the empty dismissals of its own lineage's tally.
        await CalibrationGrains.For(_cluster.GrainFactory, CalibrationGrains.Key("hierarchical", ParametricRewardModel.DefaultVersion))
            .Add(new Dictionary<DateOnly, OptOutTally> { [today.AddDays(-3)] = new(300, 0, 0, 0, 0, 0, Dismisses: 60) });

        var plans = new List<(string Member, PlanView Plan)>();
        for (var i = 0; i < 60; i++)
        {
            var id = $"loop-member-{i}";
            plans.Add((id, await (await Members.Joined(_cluster.GrainFactory, id)).Replan()));
        }

        var loop = _cluster.GrainFactory.GetGrain<ILearningLoopGrain>("hierarchical");
        var serving = Assert.Single(await loop.History());
        Assert.Equal("2026-W19", serving.Week);
        Assert.Null(serving.PriorFrom);
        Assert.Equal("hierarchical-2026-W19", serving.Challenger);
        Assert.Equal(serving.Summary, (await loop.ServingFor("2026-W19")).Summary);
        await Assert.ThrowsAsync<ArgumentException>(() => loop.ServingFor("2026-W21"));
        await Assert.ThrowsAsync<ArgumentException>(() => loop.ServingFor("2026-W99"));
        Assert.Single(await loop.History());

        // Each member plans with the champion or, on its side of the trial's split, the challenger: on both silos alike.
        var served = await ServedLoop.LoadAsync(serving, new FolderModelStore(Models), new SlowPolicyOptions());
        Assert.All(plans, p => Assert.Equal(
            PolicyEngine.ChallengerUnit(served.Challenger!.Version, p.Member) < 0.5 ? served.Challenger.Version : served.Champion.Version,
            p.Plan.ModelVersion));
        Assert.Contains(plans, p => p.Plan.ModelVersion == served.Challenger!.Version);
        Assert.Contains(plans, p => p.Plan.ModelVersion == served.Champion.Version);
        Assert.True(armScale.Push > 1.5, $"the arm's scale {armScale}");
        Assert.All(plans.Where(p => p.Plan.ModelVersion == served.Challenger!.Version), p => Assert.Equal((armScale.Push, armScale.Email), (p.Plan.OptOutScale!.Push, p.Plan.OptOutScale.Email)));
        Assert.All(plans.Where(p => p.Plan.ModelVersion == served.Champion.Version), p => Assert.NotEqual(armScale.Push, p.Plan.OptOutScale?.Push));
        foreach (var (member, _) in plans)
        {
            var view = await _cluster.GrainFactory.GetGrain<IMemberGrain>(member).GetMember();
            Assert.Equal(0.2, view.DerivedFeatures[MemberFeatures.UsualDismissRateName]);
        }

        // Every activation gone, a week on: the loop resumes from the serving it wrote, its trial still running.
        await _cluster.GrainFactory.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Time.Advance(TimeSpan.FromDays(7));
        var nextWeek = await _cluster.GrainFactory.GetGrain<IMemberGrain>(plans[0].Member).Replan();
        var resumed = (await loop.History())[^1];
        Assert.Equal(("2026-W20", serving.Challenger, serving.ChallengerSince), (resumed.Week, resumed.Challenger, resumed.ChallengerSince));
        Assert.Contains("on trial", resumed.Summary, StringComparison.Ordinal);
        Assert.Equal(plans[0].Plan.ModelVersion, nextWeek.ModelVersion);

        // The week a challenger's member planned, closed into the log, was planned at the champion's population rates.
        var onTrial = plans.First(p => p.Plan.ModelVersion == served.Challenger!.Version).Member;
        await _cluster.GrainFactory.GetGrain<IMemberGrain>(onTrial).Replan();
        var planned = await Log.ReadAsync("2026-W19", "2026-W19").SingleAsync(r => r.MemberId == onTrial);
        Assert.Equal(0.2, planned.Features[MemberFeatures.UsualDismissRateName]);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddMemoryGrainStorage(MemberGrain.StorageName);
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<ILearningLog>(Log);
            silo.Services.AddSingleton<IModelStore>(new FolderModelStore(Models));
            silo.AddMemberGrains(o => o.Arms = [new ArmOptions { Name = "hierarchical", Share = 1 }]);
            silo.Services.Configure<LearningLoopGrainOptions>(o => o.Enabled = true);
            silo.UseMemberTime(Time);
        }
    }
}
