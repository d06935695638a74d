using NotificationActors.Tooling.CommandLine;
using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Configuration;
using NotificationActors.Abstractions.Cluster;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Silo.Clock;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.CommandLine;

/// <summary>
/// <c>run</c>: an Orleans silo co-hosted with the HTTP API. Every option also comes from configuration (the key each
/// option's help names, under <see cref="SiloSettings.Section"/>), the flag winning (docs/operations.md, "Configuration").
/// </summary>
internal static class RunCommand
{
    private static readonly string[] Clocks = ["system", "simulated"];
    private static readonly string[] LogFormats = ["simple", "json"];

    /// <param name="configuration">Where options not given as flags are read from.</param>
    /// <param name="configurationFolder">The folder of the settings files, handed to the host so that it reads the same ones.</param>
    public static Command Create(IConfiguration configuration, string configurationFolder)
    {
        var configured = new ConfiguredOptions(configuration);
        var urls = new Option<string>("--urls") { Description = "HTTP listen addresses, ';'-separated." };
        urls.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && ReadUrls(result.Tokens[^1].Value).Problem is { } problem)
            {
                result.AddError($"--urls: {problem}");
            }
        });
        configured.Bind(urls, Key("Urls"), SiloSettings.DefaultUrls, ReadUrls);

        var storage = new StorageOptions(StorageDeployments.All, "Where grain state, reminders and the learning log live", configured: configured);

        var clusterId = new Option<string>("--cluster-id") { Description = "Silos on one database with the same cluster id form a cluster." };
        clusterId.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && ReadClusterId(result.Tokens[^1].Value).Problem is { } problem)
            {
                result.AddError($"--cluster-id: {problem}");
            }
        });
        configured.Bind(clusterId, Key("ClusterId"), SiloSettings.DefaultClusterId, ReadClusterId);

        var advertise = new Option<IPAddress?>("--advertise")
        {
            Description = "IP address other silos and clients reach this silo at (clustered storage; default: this machine's first address).",
            CustomParser = result =>
            {
                var (address, problem) = ReadAddress(result.Tokens.Count > 0 ? result.Tokens[^1].Value : "");
                if (problem is not null)
                {
                    result.AddError($"--advertise: {problem}");
                }

                return address;
            },
        };
        configured.Bind(advertise, Key("Advertise"), null, ReadAddress);

        var clock = new Option<string>("--clock") { Description = "system, or simulated: members and reminders follow a clock moved by POST /v1/admin/clock." };
        clock.AcceptOnlyFromAmong(Clocks);
        configured.Bind(clock, Key("Clock"), Clocks[0], text => OneOf(text, Clocks));

        var logFormat = new Option<string>("--log-format") { Description = "Console logs as simple text, or as one JSON object a line (json)." };
        logFormat.AcceptOnlyFromAmong(LogFormats);
        configured.Bind(logFormat, SiloSettings.LogFormatKey, LogFormats[0], text => OneOf(text, LogFormats));

        var apiKeys = new Option<string[]>("--api-key")
        {
            Description = $"An API key /v1 calls must present as 'Authorization: Bearer <key>' (repeatable); added to those configured in {ApiOptions.Section}:{nameof(ApiOptions.ApiKeys)}, where keys belong (a flag shows in the process list).",
            AllowMultipleArgumentsPerToken = false,
            Arity = ArgumentArity.ZeroOrMore,
        };

        var modelVersion = new Option<string?>("--model-version")
        {
            Description = "The trained model version new plans use, read from the storage (default: the built-in parametric model). Plans already made keep theirs.",
        };
        configured.Bind(modelVersion, Key("ModelVersion"), null, text => (text, null));

        var siloPort = PortOption(configured, "--silo-port", Key("SiloPort"), "Silo-to-silo port; 0 picks a free one.", SiloSettings.DefaultSiloPort);
        var gatewayPort = PortOption(configured, "--gateway-port", Key("GatewayPort"), "Client gateway port; 0 picks a free one.", SiloSettings.DefaultGatewayPort);

        var command = new Command("run", "Run an Orleans silo with the HTTP API (the default verb).")
        {
            urls, clusterId, advertise, siloPort, gatewayPort, clock, apiKeys, modelVersion, logFormat,
        };
        storage.AddTo(command);
        configured.AddChecksTo(command);
        command.Validators.Add(result =>
        {
            var chosen = storage.Chosen(result);

            // The simulated clock lives in one process; a cluster would need every silo's clock moved together.
            if (chosen is { Clustered: true } && configured.Effective(result, clock) == "simulated")
            {
                result.AddError($"--clock simulated runs a single silo; use it with --storage {string.Join(" or ", StorageDeployments.All.Where(d => !d.Clustered).Select(d => d.Name))}.");
            }

            if (chosen is { KeepsLearning: false } && configured.Effective(result, modelVersion) is not null)
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
                LogFormat = parseResult.GetRequiredValue(logFormat) == "json" ? LogFormat.Json : LogFormat.Simple,
                ConfigurationFolder = configurationFolder,
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

    private static string Key(string name) => $"{SiloSettings.Section}:{name}";

    private static Option<int> PortOption(ConfiguredOptions configured, string name, string key, string description, int defaultPort) =>
        configured.Bind(BoundedOptions.Create(name, description, defaultPort, 0, 65535), key, defaultPort, text => BoundedOptions.Read(text, 0, 65535));

    private static (string Value, string? Problem) ReadUrls(string text)
    {
        foreach (var url in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return (text, $"'{url}' is not an absolute http or https address such as {SiloSettings.DefaultUrls}.");
            }
        }

        return (text, null);
    }

    private static (string Value, string? Problem) ReadClusterId(string text) => (text, ClusterIds.Problem(text));

    private static (IPAddress? Value, string? Problem) ReadAddress(string text) =>
        IPAddress.TryParse(text, out var address) ? (address, null) : (null, $"'{text}' is not an IP address such as 127.0.0.1.");

    private static (string Value, string? Problem) OneOf(string text, string[] allowed) =>
        (text, allowed.Contains(text, StringComparer.Ordinal) ? null : $"'{text}' is not one of {string.Join(", ", allowed)}.");
}
