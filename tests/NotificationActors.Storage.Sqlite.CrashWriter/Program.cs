using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NotificationActors.Storage.Sqlite.CrashWriter;
using NotificationActors.Storage.Sqlite.Hosting;
using NotificationActors.Storage.TestSuites;
using Orleans.Storage;

// Usage: CrashWriter <sqlite file> <grains>. Writes each grain's state in a loop and prints "ack <grain> <sequence>"
// only after the write returned, i.e. after its transaction committed; runs until killed.
var dataSource = args[0];
var grains = int.Parse(args[1], CultureInfo.InvariantCulture);

// The parent holds our stdin open; when it closes, the parent is gone and nobody will kill us.
_ = Task.Run(async () =>
{
    await Console.In.ReadToEndAsync();
    Environment.Exit(2);
});

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleans(silo => silo
    .UseLocalhostClustering(FreeTcpPort.Next(), FreeTcpPort.Next())
    .AddSqliteGrainStorage("store", o => o.DataSource = dataSource));
using var host = builder.Build();
await host.StartAsync();
var storage = host.Services.GetRequiredKeyedService<IGrainStorage>("store");

await Task.WhenAll(Enumerable.Range(0, grains).Select(async index =>
{
    var grain = CrashPayload.Grain(index);
    var state = new GrainState<SuiteState>();
    await storage.ReadStateAsync(CrashPayload.StateName, grain, state);
    var random = new Random(index);
    for (var sequence = (state.State?.Counter ?? 0) + 1; ; sequence++)
    {
        state.State = CrashPayload.Create(sequence, random);
        await storage.WriteStateAsync(CrashPayload.StateName, grain, state);
        Console.WriteLine(CrashPayload.Ack(index, sequence));
    }
}));
