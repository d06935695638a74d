using System.CommandLine;
using NotificationActors.Silo.Clock;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.CommandLine;

/// <summary><c>run</c>: an Orleans silo co-hosted with the HTTP API.</summary>
internal static class RunCommand
{
    private static readonly string[] StorageNames = ["sqlite", "azure", "postgres", "memory"];
    private static readonly string[] AvailableStorage = ["sqlite", "memory"];

    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "HTTP listen addresses, ';'-separated.",
            DefaultValueFactory = _ => SiloSettings.DefaultUrls,
        };
        urls.Validators.Add(result =>
        {
            foreach (var url in (result.GetValueOrDefault<string>() ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    result.AddError($"--urls: '{url}' is not an absolute http or https address such as {SiloSettings.DefaultUrls}.");
                }
            }
        });

        var storage = new Option<string>("--storage")
        {
            Description = "Where grain state and reminders live: sqlite (a file under --data), azure, postgres or memory (lost on exit).",
            DefaultValueFactory = _ => "sqlite",
        };
        storage.Validators.Add(result =>
        {
            // Read the token: a validator must not convert a value the parser may have rejected.
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (value is null)
            {
                return;
            }

            if (!StorageNames.Contains(value))
            {
                result.AddError($"--storage: '{value}' is not one of {string.Join(", ", StorageNames)}.");
            }
            else if (!AvailableStorage.Contains(value))
            {
                result.AddError($"--storage {value} is not available in this build yet; use --storage sqlite or memory.");
            }
        });

        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Folder of the embedded SQLite store (--storage sqlite).",
            DefaultValueFactory = _ => new DirectoryInfo(SiloSettings.DefaultDataDirectory),
        };
        data.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (value is not null && File.Exists(value))
            {
                result.AddError($"--data: '{value}' is a file; give a folder for the SQLite store.");
            }
        });

        var clock = new Option<string>("--clock")
        {
            Description = "system, or simulated: members and reminders follow a clock moved by POST /v1/admin/clock.",
            DefaultValueFactory = _ => "system",
        };
        clock.AcceptOnlyFromAmong("system", "simulated");

        var apiKeys = new Option<string[]>("--api-key")
        {
            Description = "An API key /v1 calls must present as 'Authorization: Bearer <key>' (repeatable).",
            AllowMultipleArgumentsPerToken = false,
            Arity = ArgumentArity.ZeroOrMore,
        };

        var siloPort = PortOption("--silo-port", "Silo-to-silo port; 0 picks a free one.", SiloSettings.DefaultSiloPort);
        var gatewayPort = PortOption("--gateway-port", "Client gateway port; 0 picks a free one.", SiloSettings.DefaultGatewayPort);

        var command = new Command("run", "Run an Orleans silo with the HTTP API (the default verb).") { urls, storage, data, siloPort, gatewayPort, clock, apiKeys };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = new SiloSettings(
                parseResult.GetRequiredValue(urls),
                Enum.Parse<StorageKind>(parseResult.GetRequiredValue(storage), ignoreCase: true),
                parseResult.GetValue(siloPort),
                parseResult.GetValue(gatewayPort),
                parseResult.GetRequiredValue(data).FullName)
            {
                ApiKeys = parseResult.GetValue(apiKeys) ?? [],
                Clock = parseResult.GetRequiredValue(clock) == "simulated" ? ClockKind.Simulated : ClockKind.System,
            };
            try
            {
                await using var app = SiloHost.Build(settings);
                await app.StartAsync(cancellationToken);
                await app.WaitForShutdownAsync(cancellationToken);
                return 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"The silo failed: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Option<int> PortOption(string name, string description, int defaultPort) =>
        BoundedOptions.Create(name, description, defaultPort, 0, 65535);
}
