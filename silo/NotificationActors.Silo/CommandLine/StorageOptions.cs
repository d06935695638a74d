using System.CommandLine;
using NotificationActors.Silo.Hosting;
using NotificationActors.Storage;

namespace NotificationActors.Silo.CommandLine;

/// <summary>
/// The options that choose a storage deployment and say where its data is, built from the deployments offered:
/// <c>--storage</c>, <c>--data</c> (the embedded store's folder) and each clustered store's connection-string option.
/// <c>run</c>, the offline verbs and the lab's load runs share them, so a new store appears in every verb at once.
/// </summary>
internal sealed class StorageOptions
{
    private readonly IReadOnlyList<StorageDeployment> _deployments;
    private readonly Option<string> _storage;
    private readonly Option<DirectoryInfo>? _data;
    private readonly List<(StorageDeployment Deployment, Option<string> Option)> _connections = [];

    /// <param name="deployments">The deployments to offer, the default first.</param>
    /// <param name="purpose">What the store holds for the verb, for <c>--storage</c>'s help.</param>
    /// <param name="dataFolder">Whether the verb takes <c>--data</c>; a load run keeps the embedded store in a throwaway folder of its own.</param>
    /// <param name="connectionNote">Added to a deployment's connection-string help, for a verb that asks more of the store (null: nothing).</param>
    public StorageOptions(IReadOnlyList<StorageDeployment> deployments, string purpose, bool dataFolder = true, Func<StorageDeployment, string?>? connectionNote = null)
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

        _data = dataFolder ? DataOption() : null;
        foreach (var deployment in deployments)
        {
            if (deployment.Connection is { } connection)
            {
                var note = connectionNote?.Invoke(deployment);
                _connections.Add((deployment, ConnectionStringOption(connection, note is null ? connection.Description : $"{connection.Description} {note}")));
            }
        }
    }

    /// <summary>Adds the options to <paramref name="command"/>, with the check that the chosen store has its connection string and no other store's.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_storage);
        if (_data is not null)
        {
            command.Options.Add(_data);
        }

        foreach (var (_, option) in _connections)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            var storage = ChosenName(result);
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
    public StorageDeployment? Chosen(System.CommandLine.Parsing.CommandResult result) => Find(ChosenName(result));

    /// <summary>The chosen deployment.</summary>
    public StorageDeployment Deployment(ParseResult parseResult) => Find(parseResult.GetRequiredValue(_storage))!;

    /// <summary>The data folder.</summary>
    public DirectoryInfo Data(ParseResult parseResult) =>
        parseResult.GetRequiredValue(_data ?? throw new InvalidOperationException("This verb takes no --data."));

    /// <summary>The chosen deployment's connection string; null for a store in the data folder.</summary>
    public string? ConnectionString(ParseResult parseResult)
    {
        var deployment = Deployment(parseResult);
        var connection = _connections.FirstOrDefault(c => c.Deployment == deployment).Option;
        return connection is null ? null : parseResult.GetValue(connection);
    }

    /// <summary>Where the chosen deployment's data is.</summary>
    public StorageLocation Location(ParseResult parseResult) => new(Data(parseResult).FullName, ConnectionString(parseResult));

    private StorageDeployment? Find(string name) => _deployments.FirstOrDefault(d => d.Name == name);

    // A command's validators see the options given, not the defaults of the others (dotnet/command-line-api#2841).
    private string ChosenName(System.CommandLine.Parsing.CommandResult result) => result.GetValue(_storage) ?? _deployments[0].Name;

    private static Option<DirectoryInfo> DataOption()
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Folder of the embedded SQLite store (--storage sqlite).",
            DefaultValueFactory = _ => new DirectoryInfo(SiloSettings.DefaultDataDirectory),
        };
        data.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && File.Exists(result.Tokens[^1].Value))
            {
                result.AddError($"--data: '{result.Tokens[^1].Value}' is a file; give a folder for the SQLite store.");
            }
        });
        return data;
    }

    // A connection string is checked as the option is parsed, so a malformed one fails before anything connects.
    private static Option<string> ConnectionStringOption(StoreConnection connection, string description)
    {
        var option = new Option<string>(connection.Option) { Description = description };
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
