using NotificationActors.Tooling.CommandLine;
using System.CommandLine;
using System.Net;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Silo.Clock;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.CommandLine;

/// <summary><c>run</c>: an Orleans silo co-hosted with the HTTP API.</summary>
internal static class RunCommand
{
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

        var storage = new StorageOptions(StorageDeployments.All, "Where grain state, reminders and the learning log live");

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
            urls, clusterId, advertise, siloPort, gatewayPort, clock, apiKeys, modelVersion,
        };
        storage.AddTo(command);
        command.Validators.Add(result =>
        {
            var chosen = storage.Chosen(result);

            // The simulated clock lives in one process; a cluster would need every silo's clock moved together.
            if (chosen is { Clustered: true } && result.GetValue(clock) == "simulated")
            {
                result.AddError($"--clock simulated runs a single silo; use it with --storage {string.Join(" or ", StorageDeployments.All.Where(d => !d.Clustered).Select(d => d.Name))}.");
            }

            if (chosen is { KeepsLearning: false } && result.GetResult(modelVersion) is not null)
            {
                result.AddError($"--model-version needs a store that keeps model versions: --storage {string.Join(", ", StorageDeployments.All.Where(d => d.KeepsLearning).Select(d => d.Name))}.");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var location = storage.Location(parseResult);
            var settings = new SiloSettings(
                parseResult.GetRequiredValue(urls),
                storage.Deployment(parseResult),
                parseResult.GetValue(siloPort),
                parseResult.GetValue(gatewayPort),
                location.DataDirectory)
            {
                ConnectionString = location.ConnectionString,
                ApiKeys = parseResult.GetValue(apiKeys) ?? [],
                Clock = parseResult.GetRequiredValue(clock) == "simulated" ? ClockKind.Simulated : ClockKind.System,
                ClusterId = parseResult.GetRequiredValue(clusterId),
                AdvertisedAddress = parseResult.GetValue(advertise),
            };
            try
            {
                if (parseResult.GetValue(modelVersion) is { } version)
                {
                    await using var store = await settings.Storage.OpenModelStoreAsync(location, cancellationToken);
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

    private static Option<int> PortOption(string name, string description, int defaultPort) =>
        BoundedOptions.Create(name, description, defaultPort, 0, 65535);
}
