using System.CommandLine;

namespace NotificationActors.Silo.CommandLine;

/// <summary>The silo executable's verbs (docs/operations.md): <c>run</c> (the default), <c>train</c> and <c>evaluate</c>; experiments are the lab's.</summary>
internal static class SiloCommandLine
{
    private static readonly HashSet<string> RootOnlyTokens = new(StringComparer.Ordinal) { "-h", "-?", "--help", "--version" };

    /// <param name="configurationFolder">The folder of appsettings.json, whose options (and the environment's) apply where no flag is given.</param>
    public static RootCommand Create(string configurationFolder)
    {
        var configuration = SiloConfiguration.Read(configurationFolder);
        var root = new RootCommand("NotificationActors: per-member notification pacing on Orleans virtual actors. With no verb, runs a silo.");
        root.Subcommands.Add(RunCommand.Create(configuration, configurationFolder));
        root.Subcommands.Add(TrainCommand.Create(configuration));
        root.Subcommands.Add(EvaluateCommand.Create(configuration));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; the exit code is non-zero on a bad option or a failure.</summary>
    /// <param name="configurationFolder">The folder of appsettings.json (default: beside the executable).</param>
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null, string? configurationFolder = null, CancellationToken cancellationToken = default)
    {
        RootCommand root;
        try
        {
            root = Create(configurationFolder ?? AppContext.BaseDirectory);
        }
        catch (InvalidDataException unreadable)
        {
            // A configuration file that is not JSON: one line naming it (the parser's message holds its path), no trace.
            (error ?? Console.Error).WriteLine($"{unreadable.Message} {unreadable.InnerException?.Message}".TrimEnd());
            return Task.FromResult(1);
        }

        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            // The generic host handles SIGINT/SIGTERM itself and needs its full graceful-shutdown time;
            // System.CommandLine would otherwise kill the process two seconds after Ctrl+C.
            ProcessTerminationTimeout = null,
        };
        return root.Parse(WithDefaultVerb(args)).InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Makes <c>run</c> the default verb: no arguments, or options only, mean <c>run</c> with those options.</summary>
    internal static string[] WithDefaultVerb(string[] args) =>
        args.Length == 0 ? ["run"]
        : args[0].StartsWith('-') && !RootOnlyTokens.Contains(args[0]) ? ["run", .. args]
        : args;
}
