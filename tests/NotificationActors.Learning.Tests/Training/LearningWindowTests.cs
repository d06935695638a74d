using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Models;
using NotificationActors.Learning.Tests.Support;
using NotificationActors.Learning.Training;
using NotificationActors.Simulation.Learning;

namespace NotificationActors.Learning.Tests.Training;

public sealed class LearningWindowTests
{
    private static readonly MemberWeekRecord[] Log = [.. SyntheticWorld.Log(members: 400, weeks: 6, exploration: 0.5, seed: 3)];

    private static string Week(int w) => $"2026-W{10 + w:D2}";

    /// <summary>
    /// Weeks added one at a time, each converted once, train on the same rows (each linked to the member's next week),
    /// the same record count and the same ranker statistics as the log read whole.
    /// </summary>
    [Fact]
    public async Task AWindowOfTheLogsWeeksHoldsWhatReadingThoseWeeksGives()
    {
        var window = await WindowOf(weeks: 6, capacity: 6);
        var read = await LearningSet.ReadAsync(new ListLearningLog(Log).ReadAsync(null, null));

        var fromWindow = window.ToSet();

        Assert.Equal(read.Records, fromWindow.Records);
        Assert.Equal((read.FirstWeek, read.LastWeek), (fromWindow.FirstWeek, fromWindow.LastWeek));
        Assert.Equal(Sorted(read.Rows), Sorted(fromWindow.Rows));
        Assert.Contains(fromWindow.Rows, r => r.NextWeekEngagedDays >= 0);
        Assert.Equal((read.Bandit.TrainSends, read.Bandit.TrainEngaged, read.Bandit.Validation.Count),
            (fromWindow.Bandit.TrainSends, fromWindow.Bandit.TrainEngaged, fromWindow.Bandit.Validation.Count));
        for (var i = 0; i < read.Bandit.Gram.Length; i++) Assert.Equal(read.Bandit.Gram[i], fromWindow.Bandit.Gram[i], 1e-6);
    }

    [Fact]
    public async Task AFullWindowDropsItsOldestWeekAndNoLastWeekLinksToAWeekItNoLongerHolds()
    {
        var window = await WindowOf(weeks: 6, capacity: 3);

        var set = window.ToSet();

        Assert.Equal(3, window.Weeks);
        Assert.Equal((Week(3), Week(5)), (set.FirstWeek, set.LastWeek));
        Assert.Equal(Log.Count(r => string.CompareOrdinal(r.Week, Week(3)) >= 0), set.Records);
        var lastWeekRows = Log.Count(r => r.Week == Week(5) && r.PlanPush is not null);
        Assert.All(set.Rows.TakeLast(lastWeekRows), r => Assert.Equal(-1, r.NextWeekEngagedDays));
    }

    [Fact]
    public async Task AWeekThatIsNotAfterTheLastOrHoldsAnotherWeeksRecordOrAMemberTwiceIsRefusedAndChangesNothing()
    {
        var window = await WindowOf(weeks: 2, capacity: 4);
        var before = window.ToSet().Records;

        var stale = await Assert.ThrowsAsync<InvalidDataException>(() => window.AddWeekAsync(Week(1), Records(Week(1))));
        var mixed = await Assert.ThrowsAsync<InvalidDataException>(() => window.AddWeekAsync(Week(2), Records(Week(2)).Concat(Records(Week(3)))));
        var twice = await Assert.ThrowsAsync<InvalidDataException>(() => window.AddWeekAsync(Week(2), Records(Week(2)).Concat(Records(Week(2)).Take(1))));

        Assert.Contains("not after the window's last week", stale.Message);
        Assert.Contains($"not of week {Week(2)}", mixed.Message);
        Assert.Contains("two records in the week", twice.Message);
        Assert.Equal((2, before), (window.Weeks, window.ToSet().Records));
    }

    [Fact]
    public async Task TrainingRefusesAWindowThatHoldsOutADifferentShareOfMembers()
    {
        var window = new LearningWindow(4, validationShare: 0.3);
        var store = new FolderModelStore(Directory.CreateTempSubdirectory("na-window-").FullName);
        try
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => ModelTraining.TrainAsync(window, store, "v1", new RewardTrainingOptions { ValidationShare = 0.2 }));
            Assert.Contains("holds out 0.3", error.Message);
        }
        finally
        {
            Directory.Delete(store.Root, recursive: true);
        }
    }

    /// <summary>
    /// A weekly retraining's opt-out fits start from the window's last ones, and land where fits from zero on the
    /// same weeks do: the starting point saves passes, never changes the model beyond the optimiser's tolerance.
    /// </summary>
    [Fact]
    public async Task ARetrainingOnASlidWindowStartsFromTheLastFitsAndAgreesWithAFitFromZero()
    {
        var root = Directory.CreateTempSubdirectory("na-window-").FullName;
        var options = new RewardTrainingOptions { MinOptOuts = 1, MinExploredWeeks = 50, Threads = 1 };
        try
        {
            var store = new FolderModelStore(root);
            var slid = await WindowOf(weeks: 5, capacity: 4);
            Assert.Null(slid.LastOptOutFits);
            await ModelTraining.TrainAsync(slid, store, "v1", options);
            var first = slid.LastOptOutFits;
            await slid.AddWeekAsync(Week(5), Records(Week(5)));
            var warm = await ModelTraining.TrainAsync(slid, store, "v2-warm", options);

            var fresh = new LearningWindow(4);
            for (var w = 2; w < 6; w++) await fresh.AddWeekAsync(Week(w), Records(Week(w)));
            var cold = await ModelTraining.TrainAsync(fresh, store, "v2-cold", options);

            Assert.NotNull(first);
            Assert.Equal([RewardModelTrainer.EmailOptOutHead, RewardModelTrainer.PushOptOutHead], first.Keys.Order(StringComparer.Ordinal));
            Assert.NotSame(first, slid.LastOptOutFits);
            var rows = slid.ToSet().Rows;
            foreach (var head in first.Keys)
            {
                var (a, b) = (ModelArtefacts.LoadHead(warm, head, RewardBasis.OptOutLength), ModelArtefacts.LoadHead(cold, head, RewardBasis.OptOutLength));
                var push = head == RewardModelTrainer.PushOptOutHead;
                var meanGap = rows.Average(r =>
                {
                    var features = RewardModelTrainer.OptOutFeatures(r.Features, push ? r.Push : r.Email);
                    return Math.Abs(a.Score(features) - b.Score(features));
                });
                Assert.True(meanGap < 0.02, $"{head}: scores from the last fits differ from a fit from zero by {meanGap:F4} logits on average");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<LearningWindow> WindowOf(int weeks, int capacity)
    {
        var window = new LearningWindow(capacity);
        for (var w = 0; w < weeks; w++) await window.AddWeekAsync(Week(w), Records(Week(w)));
        return window;
    }

    private static async IAsyncEnumerable<MemberWeekRecord> Records(string week)
    {
        foreach (var record in Log.Where(r => r.Week == week)) yield return record;
        await Task.CompletedTask;
    }

    private static List<string> Sorted(LearningRow[] rows) =>
        [.. rows.Select(r => $"{r.MemberHash}/{r.Push}/{r.Email}/{r.EngagedDays}/{r.NextWeekEngagedDays}/{r.Explored}/{r.PushOptOut}/{r.EmailOptOut}/{r.Propensity}").Order(StringComparer.Ordinal)];
}
