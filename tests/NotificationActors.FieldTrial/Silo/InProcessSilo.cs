using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using NotificationActors.Grains.Members;
using NotificationActors.Silo.Clock;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.FieldTrial.Silo;

/// <summary>
/// A real silo in this process, built as the client tests build theirs (<c>SiloHost.Build(new SiloSettings(...))</c>):
/// HTTP on a free loopback port, the embedded SQLite store in a throwaway folder, the simulated clock from a fixed
/// Monday, the built-in model.
/// </summary>
internal sealed class InProcessSilo : IAsyncDisposable
{
    /// <summary>Where the silo's simulated clock starts: a Monday's midnight, UTC.</summary>
    private static readonly DateTimeOffset Start = new(2030, 1, 7, 0, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly DirectoryInfo _data;

    private InProcessSilo(WebApplication app, DirectoryInfo data)
    {
        _app = app;
        _data = data;
        Address = new Uri(app.Urls.Single() + "/");
    }

    /// <summary>The silo's HTTP address.</summary>
    public Uri Address { get; }

    /// <summary>Starts the silo; <paramref name="learningLoop"/> turns its learning loop on or off, whatever the silo's default.</summary>
    public static async Task<InProcessSilo> StartAsync(bool learningLoop, CancellationToken cancellationToken)
    {
        var data = Directory.CreateTempSubdirectory("fieldtrial-");
        // The simulated clock would start at the wall clock's time, and the silo keys its random choices (plans,
        // exploration) by ISO week: started on a fixed Monday instead, a trial repeats to the last digit whatever the date.
        var settings = new SiloSettings("http://127.0.0.1:0", StorageDeployments.Sqlite, 0, 0, data.FullName) { Clock = ClockKind.Simulated, ClockStart = Start };
        var app = SiloHost.Build(settings, configure: builder => Configure(builder, learningLoop));
        await app.StartAsync(cancellationToken);
        return new InProcessSilo(app, data);
    }

    private static void Configure(WebApplicationBuilder builder, bool learningLoop)
    {
        // The silo's informational logs would scroll the progress bar away; warnings and errors still show, except
        // Orleans' periodic timers', which on a clock that jumps an hour at a time always report firing late.
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans.Runtime.AsyncTimer", LogLevel.Error);

        builder.Configuration["NotificationActors:Learning:Loop:Enabled"] = learningLoop ? "true" : "false";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _data.Delete(recursive: true);
    }
}
