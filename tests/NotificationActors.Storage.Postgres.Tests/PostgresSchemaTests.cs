using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NotificationActors.Storage.Postgres.Hosting;
using NotificationActors.Storage.Postgres.Schema;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Storage.Postgres.Tests;

public sealed class PostgresSchemaTests
{
    [Fact]
    public async Task SilosStartingTogetherOnAnEmptyDatabaseApplyEachMigrationOnce()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("schema");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresSchema.ApplyAsync(dataSource, CancellationToken.None)));
        var again = await PostgresSchema.ApplyAsync(dataSource, CancellationToken.None);

        Assert.Equal(PostgresSchema.Migrations.Count, applied.Sum());
        Assert.Equal(0, again);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM na_schema_migrations;");
        Assert.Equal((long)PostgresSchema.Migrations.Count, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task EveryQueryOrleansReadsIsInstalled()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("queries");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await PostgresSchema.ApplyAsync(dataSource, CancellationToken.None);

        var keys = new List<string>();
        await using var command = dataSource.CreateCommand("SELECT querykey FROM orleansquery ORDER BY querykey;");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        string[] expected =
        [
            "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey",
            "DeleteReminderRowKey", "DeleteReminderRowsKey", "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey",
            "MembershipReadAllKey", "MembershipReadRowKey", "ReadFromStorageKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
            "ReadReminderRowKey", "ReadReminderRowsKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey", "UpsertReminderRowKey",
            "WriteToStorageKey",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ASiloWhoseDatabaseCannotBeReachedStopsWithAMessageNamingIt()
    {
        var unreachable = $"Host=127.0.0.1;Port={FreeTcpPort.Next()};Database=nowhere;Username=na;Timeout=3";
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreeTcpPort.Next(), FreeTcpPort.Next())
            .AddPostgresGrainStorage("store", unreachable));
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("nowhere", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("Database=na", "Host")]
    [InlineData("Hots=127.0.0.1", "not valid")]
    public void ABadConnectionStringIsRefusedBeforeAnythingConnects(string connectionString, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresConnectionString.Validate(connectionString));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
