using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Storage.Sqlite.CrashWriter;
using NotificationActors.Storage.TestSuites;
using Orleans.Storage;

namespace NotificationActors.Storage.Sqlite.Tests;

public sealed class CrashConsistencyTests : IDisposable
{
    private const int Grains = 32;
    private const int AcksBeforeKill = 2500;

    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AProcessKilledMidWriteLoadLeavesEveryGrainWholeAndLosesNoAcknowledgedWrite()
    {
        var acked = new int[Grains];
        using (var writer = Process.Start(new ProcessStartInfo("dotnet", [typeof(CrashPayload).Assembly.Location, _database.Path, Grains.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!)
        try
        {
            var stderr = writer.StandardError.ReadToEndAsync(Timeout.Token);
            var acks = 0;
            while (await writer.StandardOutput.ReadLineAsync(Timeout.Token) is { } line)
            {
                if (!CrashPayload.TryParseAck(line, out var grain, out var sequence))
                {
                    continue;
                }

                acked[grain] = Math.Max(acked[grain], sequence);
                if (++acks == AcksBeforeKill)
                {
                    writer.Kill(entireProcessTree: true);
                }
            }

            await writer.WaitForExitAsync(Timeout.Token);
            Assert.True(acks >= AcksBeforeKill, $"the writer stopped after {acks} acknowledgements: {await stderr}");
        }
        finally
        {
            writer.Kill(entireProcessTree: true);
        }

        using var silo = await TestSilo.StartAsync(_database.Path);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(TestSilo.Store);
        for (var grain = 0; grain < Grains; grain++)
        {
            var state = new GrainState<SuiteState>();
            await storage.ReadStateAsync(CrashPayload.StateName, CrashPayload.Grain(grain), state);

            var stored = state.State ?? new SuiteState();
            Assert.True(CrashPayload.IsWhole(stored), $"grain {grain} holds a torn state (sequence {stored.Counter})");
            Assert.InRange(stored.Counter, acked[grain], acked[grain] + 1);
        }

        await silo.StopAsync(Timeout.Token);
    }
}
