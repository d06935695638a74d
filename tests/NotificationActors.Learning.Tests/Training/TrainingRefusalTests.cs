using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Tests.Support;
using NotificationActors.Simulation.Learning;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Training;

namespace NotificationActors.Learning.Tests.Training;

/// <summary>A log the models cannot learn from fails with an error naming why, and leaves no model version behind.</summary>
public sealed class TrainingRefusalTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("na-models-").FullName;

    private static List<MemberWeekRecord> GoodLog() => [.. SyntheticWorld.Log(members: 600, weeks: 4, exploration: 0.5, seed: 3)];

    private async Task<InvalidDataException> RefusedAsync(IReadOnlyList<MemberWeekRecord> records, RewardTrainingOptions? options = null)
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            ModelTraining.TrainAsync(new ListLearningLog(records), null, null, new FolderModelStore(_root), "v1", options ?? new RewardTrainingOptions { MinOptOuts = 1 }));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
        return error;
    }

    [Fact]
    public async Task AnEmptyLogIsRefused()
    {
        var error = await RefusedAsync([]);

        Assert.Contains("no planned member-weeks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecordMissingAFeatureIsRefusedByMemberWeekAndFeature()
    {
        var records = GoodLog();
        var features = new Dictionary<string, double>(records[37].Features);
        features.Remove("pushOpenRate");
        records[37] = records[37] with { Features = features };

        var error = await RefusedAsync(records);

        Assert.Contains($"{records[37].MemberId}/{records[37].Week}", error.Message, StringComparison.Ordinal);
        Assert.Contains("'pushOpenRate' is missing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("engagedDays")]
    [InlineData("propensity")]
    [InlineData("week")]
    public async Task ARecordWithAValueOutOfRangeIsRefusedByName(string field)
    {
        var records = GoodLog();
        records[5] = field switch
        {
            "engagedDays" => records[5] with { EngagedDays = 9 },
            "propensity" => records[5] with { Propensity = 0 },
            _ => records[5] with { Week = "2026-48" },
        };

        var error = await RefusedAsync(records);

        Assert.Contains(records[5].MemberId, error.Message, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordsOutOfMemberWeekOrderAreRefused()
    {
        var records = GoodLog();
        (records[1], records[2]) = (records[2], records[1]);

        var error = await RefusedAsync(records);

        Assert.Contains("out of order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooFewExploredWeeksAreRefusedWithTheCount()
    {
        var records = SyntheticWorld.Log(members: 300, weeks: 2, exploration: 0.05, seed: 4).ToList();

        var error = await RefusedAsync(records);

        Assert.Contains("were explored", error.Message, StringComparison.Ordinal);
        Assert.Contains($"at least {RewardTrainingOptions.DefaultMinExploredWeeks}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALogOfOneWeekIsRefusedForWantOfNextWeeksEngagement()
    {
        var records = SyntheticWorld.Log(members: 600, weeks: 1, exploration: 0.5, seed: 5).ToList();

        var error = await RefusedAsync(records);

        Assert.Contains("followed by a logged week of the same member", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALogWithoutLoggedSendsTrainsTheRewardModelsAndSaysWhyThereIsNoRanker()
    {
        var log = new ListLearningLog(GoodLog().Select(r => r with { Decisions = [] }));

        var card = await ModelTraining.TrainAsync(log, null, null, new FolderModelStore(_root), "v1", new RewardTrainingOptions { MinOptOuts = 1 });

        Assert.Null(card.Bandit);
        Assert.Equal($"only 0 logged sends carry the bandit's inputs and outcome; it needs {RewardTrainingOptions.DefaultMinBanditSends}", card.BanditSkipped);
        Assert.Null(ModelArtefacts.LoadScorer(card));
    }

    [Fact]
    public async Task AnExistingVersionIsNeverOverwritten()
    {
        var log = new ListLearningLog(GoodLog());
        var options = new RewardTrainingOptions { MinOptOuts = 1 };
        var store = new FolderModelStore(_root);
        await ModelTraining.TrainAsync(log, null, null, store, "v1", options);
        var folder = store.FolderOf("v1");
        var card = File.ReadAllText(Path.Combine(folder, "card.json"));

        var refused = await Assert.ThrowsAsync<ModelVersionExistsException>(() => ModelTraining.TrainAsync(log, null, null, store, "v1", options));

        Assert.Equal(card, File.ReadAllText(Path.Combine(folder, "card.json")));
        Assert.Equal("v1", refused.Version);
        Assert.Equal(["v1"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
