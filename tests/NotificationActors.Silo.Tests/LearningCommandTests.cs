using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Simulation.Learning;
using NotificationActors.Storage.Postgres.Learning;
using NotificationActors.Storage.Postgres.Models;
using NotificationActors.Storage.Sqlite.Learning;
using NotificationActors.Storage.Sqlite.Models;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Silo.Tests;

/// <summary>
/// The learning verbs on the deployment's own stores: <c>train</c> reads the learning log (a SQLite file, a PostgreSQL
/// database) and writes a model version, <c>run --model-version</c> serves it, <c>evaluate</c> scores versions and costs.
/// </summary>
public sealed class LearningCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("na-train-").FullName;

    // Concurrent appends share the store's group commits, so thousands of records land in a moment.
    private static async Task FillAsync(ILearningLog log, int members)
    {
        foreach (var chunk in SyntheticWorld.Log(members, weeks: 4, exploration: 0.5, seed: 11).Chunk(500))
        {
            await Task.WhenAll(chunk.Select(r => log.AppendAsync(r)));
        }
    }

    private string SqliteFile => Path.Combine(_data, NotificationActors.Storage.Sqlite.Hosting.SqliteDeployment.FileName);

    [Fact]
    public async Task TrainsFromTheSqliteStoreAndSavesAVersionThePlannerCanServe()
    {
        await using (var log = SqliteLearningLogFile.Open(SqliteFile))
        {
            await FillAsync(log, members: 2_000);
        }

        var (exitCode, output, error) = await Cli.Run("train", "--data", _data, "--model-version", "v1");

        Assert.True(exitCode == 0, error);
        foreach (var expected in new[] { "Model version v1 from 8,000 records", "engagement", "nextWeekEngagement", "pushOptOut", "emailOptOut", "calibration", "fast-policy ranker", "Saved in the store as v1" })
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }

        // The version is kept in the deployment's store; the folder is its export for reading.
        await using (var store = SqliteModelStoreFile.Open(SqliteFile))
        {
            Assert.Equal(["v1"], await store.ListAsync(TestContext.Current));
            Assert.Equal("v1", (await ModelArtefacts.ReadCardAsync(store, "v1", TestContext.Current)).Version);
        }

        var folder = Path.Combine(_data, "models", "v1");
        Assert.True(File.Exists(Path.Combine(folder, "pushOptOut.zip")));
        Assert.NotEmpty(ModelArtefacts.ReadCard(folder).Bandit!.Calibration);

        // The silo draws nothing: the lab's chart verb makes the reliability charts from the card.
        Assert.Empty(Directory.GetFiles(folder, "*.svg"));
        Assert.Equal("v1", ModelArtefacts.LoadRewardModel(folder).Version);

        // With --surrogates the card holds the opens-and-plays head and the engaged-day heads' calibration to it.
        var (surrogateExit, _, surrogateError) = await Cli.Run("train", "--data", _data, "--model-version", "v1-surrogates", "--surrogates");
        Assert.True(surrogateExit == 0, surrogateError);
        Assert.DoesNotContain("responses", ModelArtefacts.ReadCard(folder).Heads.Keys);
        var withSurrogates = ModelArtefacts.ReadCard(Path.Combine(_data, "models", "v1-surrogates"));
        Assert.Contains("responses", withSurrogates.Heads.Keys);
        Assert.Contains("surrogate.responses", withSurrogates.Heads["engagement"].Metrics.Keys);

        // The card records how the explored weeks were weighted.
        Assert.Equal(0.5, ModelArtefacts.ReadCard(folder).Heads["engagement"].Metrics["propensityWeightExponent"]);
        var (fullExit, _, fullError) = await Cli.Run("train", "--data", _data, "--model-version", "v1-full-weights", "--propensity-weight-exponent", "1");
        Assert.True(fullExit == 0, fullError);
        Assert.Equal(1, ModelArtefacts.ReadCard(Path.Combine(_data, "models", "v1-full-weights")).Heads["engagement"].Metrics["propensityWeightExponent"]);
    }

    /// <summary>
    /// With --champion, the card compares the new version with the one serving and train says which to serve: a second
    /// version trained on the same log as the first is not clearly better than it (when a version is, is
    /// <c>EffectCheckTests</c>' subject), and a champion not in the store is named.
    /// </summary>
    [Fact]
    public async Task TrainWithAChampionSaysWhetherTheNewVersionShouldReplaceIt()
    {
        await using (var log = SqliteLearningLogFile.Open(SqliteFile))
        {
            await FillAsync(log, members: 2_000);
        }

        var first = await Cli.Run("train", "--data", _data, "--model-version", "v1", "--champion", "parametric");
        var second = await Cli.Run("train", "--data", _data, "--model-version", "v2", "--champion", "v1");
        var missing = await Cli.Run("train", "--data", _data, "--model-version", "v3", "--champion", "nope");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("held-out explored weeks", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("Not clearly better than v1", second.Output, StringComparison.Ordinal);
        await using (var store = SqliteModelStoreFile.Open(SqliteFile))
        {
            Assert.Equal("parametric-1", (await ModelArtefacts.ReadCardAsync(store, "v1", TestContext.Current)).Promotion!.Champion);
            var card = await ModelArtefacts.ReadCardAsync(store, "v2", TestContext.Current);
            Assert.False(card.Promotion!.Promoted);
            Assert.Equal("v1", card.Promotion.Champion);
            Assert.Equal(["v1", "v2"], await store.ListAsync(TestContext.Current));
        }

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("There is no model version nope in the store (it holds v1, v2)", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASiloServesATrainedVersionToNewPlansWhilePlansAlreadyMadeKeepTheirs()
    {
        await using (var log = SqliteLearningLogFile.Open(SqliteFile))
        {
            await FillAsync(log, members: 2_000);
        }

        Assert.Equal(0, (await Cli.Run("train", "--data", _data, "--model-version", "v1")).ExitCode);
        ModelCard v1;
        await using (var store = SqliteModelStoreFile.Open(SqliteFile))
        {
            v1 = await ModelArtefacts.ReadCardAsync(store, "v1", TestContext.Current);
        }

        var memberData = Path.Combine(_data, "members");
        var settings = new Hosting.SiloSettings("http://127.0.0.1:0", Hosting.StorageDeployments.Sqlite, 0, 0, memberData);

        Assert.Equal("parametric-1", (await PlanVersionsAsync(settings, "early"))["early"]);
        var versions = await PlanVersionsAsync(settings with { Model = v1 }, "early", "late");
        var replanned = await PlanVersionsAsync(settings with { Model = v1 }, "early:replan");

        Assert.Equal("parametric-1", versions["early"]);
        Assert.Equal("v1", versions["late"]);
        Assert.Equal("v1", replanned["early"]);

        // The version's ranker replaces the caller's relevance in the fast policy.
        await using var served = Hosting.SiloHost.Build(settings with { Model = v1 });
        var ranker = Assert.IsType<NotificationActors.Policy.Fast.LinUcbScorer>(served.Services.GetRequiredService<NotificationActors.Policy.Fast.ICandidateScorer>());
        Assert.Equal("v1", ranker.Version);
    }

    [Fact]
    public async Task EvaluateScoresVersionsAndACostSweepAsDataForTheLabToDraw()
    {
        await using (var log = SqliteLearningLogFile.Open(SqliteFile))
        {
            await FillAsync(log, members: 2_000);
        }

        Assert.Equal(0, (await Cli.Run("train", "--data", _data, "--model-version", "v1")).ExitCode);
        var output = Path.Combine(_data, "evaluation");

        var (exitCode, text, error) = await Cli.Run("evaluate", "--data", _data, "--model-version", "v1", "--model-version", "parametric",
            "--costs", "0,0.1,0.3", "--opt-out-ceiling", "0.05", "--resamples", "20", "--out", output);

        Assert.True(exitCode == 0, error);
        foreach (var expected in new[] { "model versions at the default message cost", "v1", "parametric", "message-cost sweep", "Message cost" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Equal(["evaluation.json"], Directory.GetFiles(output).Select(Path.GetFileName));
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(output, "evaluation.json")))!;
        Assert.Equal(2, json["candidates"]!.AsArray().Count);
        Assert.Equal(3, json["sweep"]!["points"]!.AsArray().Count);
    }

    [Theory]
    [InlineData(new[] { "evaluate", "--costs", "0,abc" }, "--costs: 'abc' is not a message cost")]
    [InlineData(new[] { "evaluate", "--opt-out-ceiling", "2" }, "--opt-out-ceiling: '2' is not a number from 0 to 1")]
    [InlineData(new[] { "evaluate", "--from", "W1" }, "--from: 'W1' is not an ISO week")]
    public async Task EvaluateRefusesABadOptionByName(string[] args, string message)
    {
        var (exitCode, _, error) = await Cli.Run(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateNamesAModelVersionThatDoesNotExistAndTheVersionsTheStoreHolds()
    {
        await using (var log = SqliteLearningLogFile.Open(SqliteFile))
        {
            await FillAsync(log, members: 2_000);
        }

        Assert.Equal(0, (await Cli.Run("train", "--data", _data, "--model-version", "v1")).ExitCode);
        Directory.Delete(Path.Combine(_data, "models"), recursive: true);

        var (exitCode, _, error) = await Cli.Run("evaluate", "--data", _data, "--model-version", "nope");

        Assert.Equal(1, exitCode);
        Assert.Contains("There is no model version nope in the store (it holds v1)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunRefusesAModelVersionFromAFolderWithNoStoreAndCreatesNone()
    {
        var (exitCode, _, error) = await Cli.Run("run", "--data", _data, "--model-version", "nope");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("There is no store at", error, StringComparison.Ordinal);
        Assert.False(File.Exists(SqliteFile));
    }

    // Starts a silo, reads (or with ":replan" replans) each member's plan, and returns the model version of each.
    private static async Task<Dictionary<string, string>> PlanVersionsAsync(Hosting.SiloSettings settings, params string[] members)
    {
        await using var app = Hosting.SiloHost.Build(settings);
        await app.StartAsync(TestContext.Current);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var id = member.Split(':')[0];
            // Reads never create a member: the platform tells the silo of it first (a member planned before keeps its plan).
            using var joined = await client.PutAsync(new Uri($"/v1/members/{id}/preferences", UriKind.Relative), Api.Json.Body(Api.Json.DefaultPreferences));
            joined.EnsureSuccessStatusCode();
            using var response = member.EndsWith(":replan", StringComparison.Ordinal)
                ? await client.PostAsync(new Uri($"/v1/members/{id}/plan:replan", UriKind.Relative), null)
                : await client.GetAsync(new Uri($"/v1/members/{id}/plan", UriKind.Relative));
            var plan = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            versions[id] = plan["modelVersion"]!.GetValue<string>();
        }

        await app.StopAsync(TestContext.Current);
        return versions;
    }

    [Fact]
    public async Task TrainsFromThePostgresLearningLog()
    {
        var database = await PostgresServer.CreateDatabaseAsync("train");
        await using (var log = await PostgresLearningLogDatabase.OpenAsync(database))
        {
            await FillAsync(log, members: 2_000);
        }

        var models = Path.Combine(_data, "pg-models");
        var (exitCode, output, error) = await Cli.Run("train", "--storage", "postgres", "--postgres", database, "--models", models, "--model-version", "pg-1");

        Assert.True(exitCode == 0, error);
        Assert.Contains("Model version pg-1 from 8,000 records", output, StringComparison.Ordinal);
        Assert.Equal("pg-1", ModelArtefacts.ReadCard(Path.Combine(models, "pg-1")).Version);
        await using (var store = await PostgresModelStoreDatabase.OpenAsync(database, TestContext.Current))
        {
            Assert.Equal("pg-1", (await ModelArtefacts.ReadCardAsync(store, "pg-1", TestContext.Current)).Version);
        }

        // evaluate finds the version in the database, not in the export folder.
        Directory.Delete(models, recursive: true);
        var evaluated = await Cli.Run("evaluate", "--storage", "postgres", "--postgres", database, "--model-version", "pg-1", "--resamples", "20", "--out", Path.Combine(_data, "pg-eval"));
        Assert.True(evaluated.ExitCode == 0, evaluated.Error);
        Assert.Contains("pg-1", evaluated.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyLogExitsNonZeroAndWritesNoVersion()
    {
        await using (var log = SqliteLearningLogFile.Open(SqliteFile))
        {
            // The first read creates the store with an empty log, as a silo that never closed a week leaves it.
            await foreach (var _ in log.ReadAsync())
            {
            }
        }

        var (exitCode, _, error) = await Cli.Run("train", "--data", _data, "--model-version", "v1");

        Assert.Equal(1, exitCode);
        Assert.Contains("no planned member-weeks", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_data, "models", "v1")));
    }

    [Fact]
    public async Task AFolderWithNoStoreIsNamed()
    {
        var (exitCode, _, error) = await Cli.Run("train", "--data", _data);

        Assert.Equal(1, exitCode);
        Assert.Contains("There is no store at", error, StringComparison.Ordinal);
        Assert.False(File.Exists(SqliteFile));
    }

    [Theory]
    [InlineData(new[] { "train", "--from", "2026-48" }, "--from: '2026-48' is not an ISO week")]
    [InlineData(new[] { "train", "--from", "2026-W50", "--to", "2026-W40" }, "--from 2026-W50 is after --to 2026-W40")]
    [InlineData(new[] { "train", "--model-version", "a b" }, "--model-version: 'a b' must be")]
    [InlineData(new[] { "train", "--storage", "postgres" }, "--storage postgres needs --postgres")]
    [InlineData(new[] { "train", "--postgres", "Host=x" }, "--postgres is only used with --storage postgres")]
    [InlineData(new[] { "train", "--message-cost", "-1" }, "--message-cost: '-1' is not a number")]
    [InlineData(new[] { "train", "--propensity-weight-exponent", "2" }, "--propensity-weight-exponent: '2' is not a number")]
    public async Task ABadOptionExitsNonZeroNamingIt(string[] args, string message)
    {
        var (exitCode, _, error) = await Cli.Run(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
