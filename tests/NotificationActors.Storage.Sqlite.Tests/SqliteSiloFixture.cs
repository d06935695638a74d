using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace NotificationActors.Storage.Sqlite.Tests;

/// <summary>One silo on a temp SQLite file shared by the tests of a class.</summary>
public sealed class SqliteSiloFixture : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private IHost? _host;

    public IServiceProvider Services => _host!.Services;

    public string DataSource => _database.Path;

    public async Task InitializeAsync() => _host = await TestSilo.StartAsync(_database.Path);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(Timeout.Token);
            _host.Dispose();
        }

        _database.Dispose();
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();
}
