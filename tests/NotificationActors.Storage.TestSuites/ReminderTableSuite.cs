namespace NotificationActors.Storage.TestSuites;

/// <summary>
/// What every reminder table the product ships must do for Orleans' reminder service: rows by grain, by name and
/// by ring hash range (with wrap-around), upserts that change the ETag, and removals conditional on it.
/// A store's test class derives from this and supplies the table, taken from a real silo's services.
/// </summary>
public abstract class ReminderTableSuite
{
    /// <summary>The reminder table under test, configured as the product configures it.</summary>
    protected abstract IReminderTable Table { get; }

    private static GrainId NewGrain() => GrainId.Create("reminder-suite", Guid.NewGuid().ToString("N"));

    private static ReminderEntry Entry(GrainId grain, string name, int periodMinutes = 60) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 11, 23, 18, 0, 0, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(periodMinutes),
    };

    [Fact]
    public async Task AnUpsertedReminderReadsBackWithItsETag()
    {
        var grain = NewGrain();
        var etag = await Table.UpsertRow(Entry(grain, "weekly", periodMinutes: 7 * 24 * 60));

        var row = await Table.ReadRow(grain, "weekly");

        Assert.NotNull(row);
        Assert.Equal((grain, "weekly", new DateTime(2026, 11, 23, 18, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(7), etag),
            (row.GrainId, row.ReminderName, row.StartAt.ToUniversalTime(), row.Period, row.ETag));
    }

    [Fact]
    public async Task AMissingReminderReadsAsNull() => Assert.Null(await Table.ReadRow(NewGrain(), "none"));

    [Fact]
    public async Task UpsertingAgainReplacesTheRowAndChangesTheETag()
    {
        var grain = NewGrain();
        var first = await Table.UpsertRow(Entry(grain, "r", periodMinutes: 10));

        var second = await Table.UpsertRow(Entry(grain, "r", periodMinutes: 20));

        Assert.NotEqual(first, second);
        var row = await Table.ReadRow(grain, "r");
        Assert.Equal((TimeSpan.FromMinutes(20), second), (row!.Period, row.ETag));
        Assert.Single((await Table.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task RemovingWithAStaleETagFailsAndKeepsTheRow()
    {
        var grain = NewGrain();
        var stale = await Table.UpsertRow(Entry(grain, "r")) ?? throw new InvalidOperationException("No ETag from an upsert.");
        var current = await Table.UpsertRow(Entry(grain, "r")) ?? throw new InvalidOperationException("No ETag from an upsert.");

        Assert.False(await Table.RemoveRow(grain, "r", stale));
        Assert.NotNull(await Table.ReadRow(grain, "r"));
        Assert.True(await Table.RemoveRow(grain, "r", current));
        Assert.Null(await Table.ReadRow(grain, "r"));
        Assert.False(await Table.RemoveRow(grain, "r", current));
    }

    [Fact]
    public async Task RowsByGrainHoldOnlyThatGrainsReminders()
    {
        var grain = NewGrain();
        var other = NewGrain();
        await Table.UpsertRow(Entry(grain, "a"));
        await Table.UpsertRow(Entry(grain, "b"));
        await Table.UpsertRow(Entry(other, "a"));

        var rows = await Table.ReadRows(grain);

        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order());
        Assert.All(rows.Reminders, r => Assert.Equal(grain, r.GrainId));
    }

    [Fact]
    public async Task RangeReadsReturnExactlyTheRowsWhoseHashIsInTheRingRange()
    {
        var grains = Enumerable.Range(0, 120).Select(_ => NewGrain()).ToArray();
        foreach (var grain in grains)
        {
            await Table.UpsertRow(Entry(grain, "ranged"));
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();
        var ranges = new (uint Begin, uint End)[]
        {
            (hashes[10], hashes[50]),           // (begin, end]: excludes the row at begin, includes the one at end
            (hashes[100], hashes[20]),          // wraps past uint.MaxValue
            (0, uint.MaxValue),
            (hashes[60], hashes[60]),           // begin == end: the whole ring
        };

        foreach (var (begin, end) in ranges)
        {
            var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).ToHashSet();
            var actual = (await Table.ReadRows(begin, end)).Reminders
                .Where(r => r.ReminderName == "ranged" && grains.Contains(r.GrainId))
                .Select(r => r.GrainId)
                .ToHashSet();
            Assert.True(expected.SetEquals(actual), $"range ({begin}, {end}]: expected {expected.Count} rows, got {actual.Count}");
        }

        static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
    }
}
