using System.CommandLine;
using System.CommandLine.Parsing;
using NotificationActors.Silo.Hosting;
using NotificationActors.Storage;

namespace NotificationActors.Silo.CommandLine;

/// <summary>
/// The options that choose a storage deployment and say where its data is, built from the deployments offered:
/// <c>--storage</c>, <c>--data</c> (the embedded store's folder) and each clustered store's connection-string option.
/// <c>run</c>, the offline verbs and the lab's load runs share them, so a new store appears in every verb at once. The
/// silo's verbs also take them from configuration (<see cref="ConfiguredOptions"/>): <c>NotificationActors:Silo:Storage</c>,
/// <c>NotificationActors:Silo:Data</c> and <c>ConnectionStrings:&lt;store&gt;</c>, so a connection string and its key
/// need never be on the command line.
/// </summary>
internal sealed class StorageOptions
{
    /// <summary>The configuration section of a store's connection string (<c>ConnectionStrings:postgres</c>).</summary>
    public const string ConnectionStringsSection = "ConnectionStrings";

    private readonly IReadOnlyList<StorageDeployment> _deployments;
    private readonly ConfiguredOptions? _configured;
    private readonly Option<string> _storage;
    private readonly Option<DirectoryInfo>? _data;
    private readonly List<(StorageDeployment Deployment, Option<string> Option)> _connections = [];

    /// <param name="deployments">The deployments to offer, the default first.</param>
    /// <param name="purpose">What the store holds for the verb, for <c>--storage</c>'s help.</param>
    /// <param name="dataFolder">Whether the verb takes <c>--data</c>; a load run keeps the embedded store in a throwaway folder of its own.</param>
    /// <param name="connectionNote">Added to a deployment's connection-string help, for a verb that asks more of the store (null: nothing).</param>
    /// <param name="configured">Where unset options are read from (null: the command line only, as the lab's load runs take them).</param>
    public StorageOptions(IReadOnlyList<StorageDeployment> deployments, string purpose, bool dataFolder = true, Func<StorageDeployment, string?>? connectionNote = null, ConfiguredOptions? configured = null)
    {
        _deployments = deployments;
        _configured = configured;
        _storage = new Option<string>("--storage")
        {
            Description = $"{purpose}: {string.Join("; ", deployments.Select(d => $"{d.Name} ({d.Description})"))}.",
            DefaultValueFactory = _ => deployments[0].Name,
        };
        _storage.Validators.Add(result =>
        {
            // Read the token: a validator must not convert a value the parser may have rejected.
            if (result.Tokens.Count > 0 && ReadStorage(result.Tokens[^1].Value).Problem is { } problem)
            {
                result.AddError($"--storage: {problem}");
            }
        });
        configured?.Bind(_storage, $"{SiloSettings.Section}:Storage", deployments[0].Name, ReadStorage);

        _data = dataFolder ? DataOption(configured) : null;
        foreach (var deployment in deployments)
        {
            if (deployment.Connection is { } connection)
            {
                var note = connectionNote?.Invoke(deployment);
                var option = ConnectionStringOption(connection, note is null ? connection.Description : $"{connection.Description} {note}");
                configured?.Bind(option, ConnectionStringKey(deployment), null!, text => (text, ConnectionProblem(connection, text)), command => ChosenName(command) == deployment.Name, secret: true);
                _connections.Add((deployment, option));
            }
        }
    }

    /// <summary>The configuration key of <paramref name="deployment"/>'s connection string, e.g. <c>ConnectionStrings:postgres</c>.</summary>
    public static string ConnectionStringKey(StorageDeployment deployment) => $"{ConnectionStringsSection}:{deployment.Name}";

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
                if (storage == deployment.Name && ConnectionString(result, deployment, option) is null)
                {
                    result.AddError(_configured is null
                        ? $"--storage {deployment.Name} needs {option.Name} \"<connection string>\"."
                        : $"--storage {deployment.Name} needs {option.Name} \"<connection string>\", or the connection string in configuration: {ConnectionStringKey(deployment)} (environment: {ConnectionStringKey(deployment).Replace(":", "__", StringComparison.Ordinal)}).");
                }

                // A flag for another store is a mistake on the command line; configuration may hold every store's.
                if (storage != deployment.Name && ConfiguredOptions.Given(result, option))
                {
                    result.AddError($"{option.Name} is only used with --storage {deployment.Name} (the storage is {storage}).");
                }
            }
        });
    }

    /// <summary>The chosen deployment, by the <c>--storage</c> token or configuration (also while validating, before values convert).</summary>
    public StorageDeployment? Chosen(CommandResult result) => Find(ChosenName(result));

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
        return connection is null ? null : _configured is null ? parseResult.GetValue(connection) : _configured.Value(parseResult, connection);
    }

    /// <summary>Where the chosen deployment's data is.</summary>
    public StorageLocation Location(ParseResult parseResult) => new(Data(parseResult).FullName, ConnectionString(parseResult));

    private StorageDeployment? Find(string name) => _deployments.FirstOrDefault(d => d.Name == name);

    private (string Value, string? Problem) ReadStorage(string name) =>
        (name, Find(name) is null ? $"'{name}' is not one of {string.Join(", ", _deployments.Select(d => d.Name))}." : null);

    // A command's validators see the options given, not the defaults of the others (dotnet/command-line-api#2841).
    private string ChosenName(CommandResult result) =>
        _configured?.Effective(result, _storage) ?? result.GetValue(_storage) ?? _deployments[0].Name;

    private string? ConnectionString(CommandResult result, StorageDeployment deployment, Option<string> option) =>
        ConfiguredOptions.Given(result, option) ? result.GetValue(option) : _configured?.Configured(ConnectionStringKey(deployment));

    private static Option<DirectoryInfo> DataOption(ConfiguredOptions? configured)
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Folder of the embedded SQLite store (--storage sqlite).",
            DefaultValueFactory = _ => new DirectoryInfo(SiloSettings.DefaultDataDirectory),
        };
        data.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && ReadData(result.Tokens[^1].Value).Problem is { } problem)
            {
                result.AddError($"--data: {problem}");
            }
        });
        configured?.Bind(data, $"{SiloSettings.Section}:Data", new DirectoryInfo(SiloSettings.DefaultDataDirectory), ReadData);
        return data;
    }

    private static (DirectoryInfo Value, string? Problem) ReadData(string folder) =>
        (new DirectoryInfo(folder), File.Exists(folder) ? $"'{folder}' is a file; give a folder for the SQLite store." : null);

    // A connection string is checked as the option is parsed, so a malformed one fails before anything connects. The
    // message never repeats the value: it is a secret.
    private static Option<string> ConnectionStringOption(StoreConnection connection, string description)
    {
        var option = new Option<string>(connection.Option) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && ConnectionProblem(connection, result.Tokens[^1].Value) is { } problem)
            {
                result.AddError($"{connection.Option}: {problem}");
            }
        });
        return option;
    }

    private static string? ConnectionProblem(StoreConnection connection, string value)
    {
        try
        {
            connection.Validate(value);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message.Split(" (Parameter", 2)[0];
        }
    }
}
