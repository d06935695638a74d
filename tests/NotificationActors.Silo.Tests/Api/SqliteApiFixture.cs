using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using NotificationActors.Silo.Clock;
using NotificationActors.Silo.Hosting;
using NotificationActors.Storage.Sqlite.Hosting;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>
/// The silo as it runs by default (a SQLite file, an API key) on a simulated clock that stays at <see cref="Now"/>,
/// with what the file holds of a member read straight from its tables: the state row's version and bytes, and the
/// member's reminders.
/// </summary>
public sealed class SqliteApiFixture : IAsyncLifetime
{
    public const string Key = "hostile-key";

    /// <summary>The silo's clock: a Monday morning, so the week before is a day away.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private readonly string _data = Path.Combine(Path.GetTempPath(), "na-hostile-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The silo's gateway, for Orleans clients.</summary>
    public int GatewayPort { get; } = FreePorts.Resolve(0);

    public async Task InitializeAsync()
    {
        _app = SiloHost.Build(new SiloSettings("http://127.0.0.1:0", StorageDeployments.Sqlite, 0, GatewayPort, _data)
        {
            ApiKeys = [Key],
            Clock = ClockKind.Simulated,
            ClockStart = Now,
        });
        await _app.StartAsync(TestContext.Current);
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    /// <summary>The member's state row (version and payload) and reminder names as the file holds them; "none" without a row.</summary>
    public async Task<string> StoredAsync(string memberId)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_data, SqliteDeployment.FileName), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var state = connection.CreateCommand();
        state.CommandText = "SELECT version, payload FROM grain_state WHERE grain_key = $key;";
        state.Parameters.AddWithValue("$key", memberId);
        var rows = new List<string>();
        await using (var reader = await state.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add($"v{reader.GetInt64(0)}:{(reader.IsDBNull(1) ? "null" : Convert.ToBase64String((byte[])reader.GetValue(1)))}");
            }
        }

        await using var reminders = connection.CreateCommand();
        reminders.CommandText = "SELECT grain_id, reminder_name FROM reminders;";
        await using (var reader = await reminders.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (reader.GetString(0).EndsWith("/" + memberId, StringComparison.Ordinal)) rows.Add("reminder:" + reader.GetString(1));
            }
        }

        return rows.Count == 0 ? "none" : string.Join('|', rows);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync(TestContext.Current);
            await _app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
