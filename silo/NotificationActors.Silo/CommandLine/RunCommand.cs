using NotificationActors.Tooling.CommandLine;
using System.CommandLine;
using System.Net;
using NotificationActors.Storage.Azure.Hosting;
using NotificationActors.Storage.Postgres.Hosting;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Silo.Clock;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.CommandLine;

/// <summary><c>run</c>: an Orleans silo co-hosted with the HTTP API.</summary>
internal static class RunCommand
{
    private static readonly string[] StorageNames = ["sqlite", "azure", "postgres", "memory"];

    // The clustered stores, each with the option naming its connection string.
    private static readonly Dictionary<string, string> ConnectionOptions = new() { ["azure"] = "--azure", ["postgres"] = "--postgres" };

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

        var postgres = ConnectionStringOption(
            "--postgres", "Npgsql connection string of the PostgreSQL database (--storage postgres): clustering, grain state, reminders, learning log.",
            PostgresConnectionString.Validate);
        var azure = ConnectionStringOption(
            "--azure", "Azure Storage connection string, of an account or Azurite (--storage azure): table clustering and reminders, blob grain state, learning log table.",
            AzureConnectionString.Validate);

        var clusterId = new Option<string>("--cluster-id")
        {
            Description = "Silos on one database with the same cluster id form a cluster.",
            DefaultValueFactory = _ => SiloSettings.DefaultClusterId,
        };
        clusterId.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (value is not null && (value.Length is 0 or > 100 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            {
                result.AddError($"--cluster-id: '{value}' must be 1 to 100 letters, digits, '-', '_' or '.'.");
            }
        });

        var advertise = new Option<IPAddress?>("--advertise")
        {
            Description = "IP address other silos and clients reach this silo at (clustered storage; default: this machine's first address).",
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (IPAddress.TryParse(token, out var address))
                {
                    return address;
                }

                result.AddError($"--advertise: '{token}' is not an IP address such as 127.0.0.1.");
                return null;
            },
        };

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

        var modelVersion = new Option<string?>("--model-version")
        {
            Description = "The trained model version new plans use, read from the storage (default: the built-in parametric model). Plans already made keep theirs.",
        };

        var siloPort = PortOption("--silo-port", "Silo-to-silo port; 0 picks a free one.", SiloSettings.DefaultSiloPort);
        var gatewayPort = PortOption("--gateway-port", "Client gateway port; 0 picks a free one.", SiloSettings.DefaultGatewayPort);

        var command = new Command("run", "Run an Orleans silo with the HTTP API (the default verb).")
        {
            urls, storage, data, postgres, azure, clusterId, advertise, siloPort, gatewayPort, clock, apiKeys, modelVersion,
        };
        command.Validators.Add(result =>
        {
            var storageName = result.GetValue(storage) ?? "";
            foreach (var (store, option) in new[] { ("postgres", postgres), ("azure", azure) })
            {
                if (storageName == store && result.GetResult(option) is null)
                {
                    result.AddError($"--storage {store} needs {option.Name} \"<connection string>\".");
                }

                if (storageName != store && result.GetResult(option) is not null)
                {
                    result.AddError($"{option.Name} is only used with --storage {store} (the storage is {storageName}).");
                }
            }

            // The simulated clock lives in one process; a cluster would need every silo's clock moved together.
            if (ConnectionOptions.ContainsKey(storageName) && result.GetValue(clock) == "simulated")
            {
                result.AddError("--clock simulated runs a single silo; use it with --storage sqlite or memory.");
            }

            if (storageName == "memory" && result.GetResult(modelVersion) is not null)
            {
                result.AddError("--model-version needs a store that keeps model versions: --storage sqlite, postgres or azure.");
            }
        });
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
                PostgresConnectionString = parseResult.GetValue(postgres),
                AzureConnectionString = parseResult.GetValue(azure),
                ClusterId = parseResult.GetRequiredValue(clusterId),
                AdvertisedAddress = parseResult.GetValue(advertise),
            };
            try
            {
                if (parseResult.GetValue(modelVersion) is { } version)
                {
                    await using var store = await ModelStores.OpenAsync(settings, cancellationToken);
                    settings = settings with { Model = await ModelArtefacts.ReadCardAsync(store, version, cancellationToken) };
                }

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

    // A connection string is checked as the option is parsed, so a malformed one fails before the silo starts.
    private static Option<string> ConnectionStringOption(string name, string description, Action<string> validate)
    {
        var option = new Option<string>(name) { Description = description };
        option.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (value is null)
            {
                return;
            }

            try
            {
                validate(value);
            }
            catch (ArgumentException e)
            {
                result.AddError($"{name}: {e.Message.Split(" (Parameter", 2)[0]}");
            }
        });
        return option;
    }

    private static Option<int> PortOption(string name, string description, int defaultPort) =>
        BoundedOptions.Create(name, description, defaultPort, 0, 65535);
}
