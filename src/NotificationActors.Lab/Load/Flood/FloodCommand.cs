using System.CommandLine;
using NotificationActors.Tooling.CommandLine;

namespace NotificationActors.Lab.Load.Flood;

/// <summary><c>load flood</c>: idle connections held against a silo while its health endpoint is probed.</summary>
internal static class FloodCommand
{
    // The flood and the silo share this process: each connection costs two descriptors of the 20,000 it may open.
    private const int MaxConnections = 9_000;
    private const int MaxSeconds = 3_600;

    public static Command Create()
    {
        var connections = BoundedOptions.Create("--connections", "Idle connections opened without an API key and held: half send nothing, half a partial request line.", 5_000, 2, MaxConnections);
        var seconds = BoundedOptions.Create("--seconds", "Seconds the connections are held while GET /healthz is probed; longer than the silo's keep-alive timeout to see it reclaim them.", 45, 1, MaxSeconds);
        var command = new Command("flood", "Holds idle connections against an in-process silo and reports /healthz latency under them and how many of them the silo's timeouts closed.")
        {
            connections, seconds,
        };
        LoadCommand.SetRun(command, parseResult => new FloodSettings(parseResult.GetValue(connections), parseResult.GetValue(seconds)), FloodRun.RunAsync);
        return command;
    }
}
