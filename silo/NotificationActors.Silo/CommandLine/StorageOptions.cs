using System.CommandLine;
using NotificationActors.Silo.Hosting;
using NotificationActors.Storage;

namespace NotificationActors.Silo.CommandLine;

/// <summary>
/// The options that choose a storage deployment and say where its data is, built from the deployments offered:
/// <c>--storage</c>, <c>--data</c> (the embedded store's folder) and each clustered store's connection-string option.
/// <c>run</c> and the offline verbs share them, so a new store appears in every verb at once.
/// </summary>
internal sealed class StorageOptions
{
    private readonly IReadOnlyList<StorageDeployment> _deployments;
    private readonly Option<string> _storage;
    private readonly Option<DirectoryInfo> _data;
    private readonly List<(StorageDeployment Deployment, Option<string> Option)> _connections = [];

    /// <param name="deployments">The deployments to offer, the default first.</param>
    /// <param name="purpose">What the store holds for the verb, for <c>--storage</c>'s help.</param>
    public StorageOptions(IReadOnlyList<StorageDeployment> deployments, string purpose)
    {
        _deployments = deployments;
        _storage = new Option<string>("--storage")
        {
            Description = $"{purpose}: {string.Join("; ", deployments.Select(d => $"{d.Name} ({d.Description})"))}.",
            DefaultValueFactory = _ => deployments[0].Name,
        };
        _storage.Validators.Add(result =>
        {
            // Read the token: a validator must not convert a value the parser may have rejected.
            if (result.Tokens.Count > 0 && Find(result.Tokens[^1].Value) is null)
            {
                result.AddError($"--storage: '{result.Tokens[^1].Value}' is not one of {string.Join(", ", deployments.Select(d => d.Name))}.");
            }
        });

        _data = new Option<DirectoryInfo>("--data")
        {
            Description = "Folder of the embedded SQLite store (--storage sqlite).",
            DefaultValueFactory = _ => new DirectoryInfo(SiloSettings.DefaultDataDirectory),
        };
        _data.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && File.Exists(result.Tokens[^1].Value))
            {
                result.AddError($"--data: '{result.Tokens[^1].Value}' is a file; give a folder for the SQLite store.");
            }
        });

        foreach (var deployment in deployments)
        {
            if (deployment.Connection is { } connection)
            {
                _connections.Add((deployment, ConnectionStringOption(connection)));
            }
        }
    }

    /// <summary>Adds the options to <paramref name="command"/>, with the check that the chosen store has its connection string and no other store's.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_storage);
        command.Options.Add(_data);
        foreach (var (_, option) in _connections)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            var storage = result.GetValue(_storage) ?? "";
            foreach (var (deployment, option) in _connections)
            {
                if (storage == deployment.Name && result.GetResult(option) is null)
                {
                    result.AddError($"--storage {deployment.Name} needs {option.Name} \"<connection string>\".");
                }

                if (storage != deployment.Name && result.GetResult(option) is not null)
                {
                    result.AddError($"{option.Name} is only used with --storage {deployment.Name} (the storage is {storage}).");
                }
            }
        });
    }

    /// <summary>The chosen deployment, by the <c>--storage</c> token (also while validating, before values convert).</summary>
    public StorageDeployment? Chosen(System.CommandLine.Parsing.CommandResult result) => Find(result.GetValue(_storage) ?? "");

    /// <summary>The chosen deployment.</summary>
    public StorageDeployment Deployment(ParseResult parseResult) => Find(parseResult.GetRequiredValue(_storage))!;

    /// <summary>The data folder.</summary>
    public DirectoryInfo Data(ParseResult parseResult) => parseResult.GetRequiredValue(_data);

    /// <summary>Where the chosen deployment's data is.</summary>
    public StorageLocation Location(ParseResult parseResult)
    {
        var deployment = Deployment(parseResult);
        var connection = _connections.FirstOrDefault(c => c.Deployment == deployment).Option;
        return new StorageLocation(Data(parseResult).FullName, connection is null ? null : parseResult.GetValue(connection));
    }

    private StorageDeployment? Find(string name) => _deployments.FirstOrDefault(d => d.Name == name);

    // A connection string is checked as the option is parsed, so a malformed one fails before anything connects.
    private static Option<string> ConnectionStringOption(StoreConnection connection)
    {
        var option = new Option<string>(connection.Option) { Description = connection.Description };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0)
            {
                return;
            }

            try
            {
                connection.Validate(result.Tokens[^1].Value);
            }
            catch (ArgumentException e)
            {
                result.AddError($"{connection.Option}: {e.Message.Split(" (Parameter", 2)[0]}");
            }
        });
        return option;
    }
}
