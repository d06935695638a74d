using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NotificationActors.Storage.Postgres.Hosting;
using NotificationActors.Storage.Postgres.Schema;
using NotificationActors.Storage.TestSuites;
using Orleans.Storage;

namespace NotificationActors.Storage.Postgres.Tests;

/// <summary>
/// A cluster upgrading from Orleans' ADO.NET grain storage keeps its states: written by that provider on the schema
/// before migration 004, they read through the new storage after it, with their versions, and move on their next write.
/// </summary>
public sealed class PostgresGrainStateUpgradeTests
{
    private const string StateName = "suite";
    private const string ServiceId = "upgrade";

    // A string key, one Orleans' ADO.NET storage read as a hexadecimal number, a Guid key and an integer key with an extension.
    private static readonly GrainId[] Grains =
    [
        GrainId.Create("member", "alice"),
        GrainId.Create("member", "12345"),
        GrainId.Create("member", Guid.NewGuid().ToString("N")),
        GrainId.Create("member", "2a+ext"),
    ];

    [Fact]
    public async Task StatesWrittenByOrleansAdoNetStorageReadThroughTheNewStorageAndMoveOnTheirNextWrite()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("upgrade");
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await PostgresSchema.ApplyAsync(dataSource, CancellationToken.None, throughVersion: 3);
        }

        var legacyETags = await WithStorage(silo => silo.AddAdoNetGrainStorage("store", o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = connectionString;
        }), async storage =>
        {
            var etags = new List<string?>();
            for (var i = 0; i < Grains.Length; i++)
            {
                var state = new GrainState<SuiteState>(new SuiteState { Counter = i + 1, Text = Grains[i].ToString() });
                await storage.WriteStateAsync(StateName, Grains[i], state);
                state.State = new SuiteState { Counter = i + 10, Text = Grains[i].ToString() };
                await storage.WriteStateAsync(StateName, Grains[i], state);
                etags.Add(state.ETag);
            }

            return etags;
        });

        await WithStorage(silo => silo.AddPostgresGrainStorage("store", connectionString), async storage =>
        {
            for (var i = 0; i < Grains.Length; i++)
            {
                var read = new GrainState<SuiteState>();
                await storage.ReadStateAsync(StateName, Grains[i], read);
                Assert.Equal((i + 10, Grains[i].ToString(), legacyETags[i]), (read.State!.Counter, read.State.Text, read.ETag));

                var stale = new GrainState<SuiteState>(read.State, read.ETag);
                read.State = new SuiteState { Counter = i + 100 };
                await storage.WriteStateAsync(StateName, Grains[i], read);
                await Assert.ThrowsAnyAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grains[i], stale));

                var moved = new GrainState<SuiteState>();
                await storage.ReadStateAsync(StateName, Grains[i], moved);
                Assert.Equal((i + 100, read.ETag), (moved.State!.Counter, moved.ETag));
            }

            return 0;
        });

        await using var rows = NpgsqlDataSource.Create(connectionString).CreateCommand("SELECT count(*) FROM grain_state WHERE service_id = 'upgrade';");
        Assert.Equal((long)Grains.Length, await rows.ExecuteScalarAsync());
    }

    private static Task<T> WithStorage<T>(Action<ISiloBuilder> storage, Func<IGrainStorage, Task<T>> use) =>
        ThrowawaySilo.UseAsync(ServiceId, storage, services => use(services.GetRequiredKeyedService<IGrainStorage>("store")));
}
