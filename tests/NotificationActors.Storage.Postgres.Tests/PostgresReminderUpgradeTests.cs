using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NotificationActors.Storage.Postgres.Hosting;
using NotificationActors.Storage.Postgres.Schema;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Storage.Postgres.Tests;

/// <summary>A cluster upgrading from Orleans' ADO.NET reminder table keeps every reminder: the new table reads the same rows, ETags and all.</summary>
public sealed class PostgresReminderUpgradeTests
{
    private const string ServiceId = "reminder-upgrade";

    [Fact]
    public async Task RemindersWrittenByOrleansAdoNetReminderTableReadAndChangeThroughTheNewTable()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("reminders");
        var grain = GrainId.Create("member", "alice");
        var entry = new ReminderEntry
        {
            GrainId = grain,
            ReminderName = "weekly-plan",
            StartAt = new DateTime(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc),
            Period = TimeSpan.FromDays(7),
        };

        // The ADO.NET table reads its statements from the schema as it stood before the project's own table.
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await PostgresSchema.ApplyAsync(dataSource, CancellationToken.None, throughVersion: 3);
        }

        var legacyETag = await WithTable(silo => silo
            .UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            }), table => table.UpsertRow(entry));

        await WithTable(silo => silo.UsePostgresReminderService(connectionString), async table =>
        {
            var read = await table.ReadRow(grain, "weekly-plan");
            Assert.NotNull(read);
            Assert.Equal((entry.StartAt, entry.Period, legacyETag), (read.StartAt.ToUniversalTime(), read.Period, read.ETag));
            Assert.Contains((await table.ReadRows(0, uint.MaxValue)).Reminders, r => r.GrainId == grain);

            Assert.True(await table.RemoveRow(grain, "weekly-plan", legacyETag!));
            Assert.Null(await table.ReadRow(grain, "weekly-plan"));
            return 0;
        });
    }

    private static Task<T> WithTable<T>(Action<ISiloBuilder> reminders, Func<IReminderTable, Task<T>> use) =>
        ThrowawaySilo.UseAsync(ServiceId, reminders, services => use(services.GetRequiredService<IReminderTable>()));
}
