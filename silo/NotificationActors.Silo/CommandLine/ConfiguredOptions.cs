using System.CommandLine;
using System.CommandLine.Parsing;

namespace NotificationActors.Silo.CommandLine;

/// <summary>
/// Options a verb also takes from configuration (docs/operations.md, "Configuration"): a flag given wins, else the
/// option's configuration key (appsettings.json, then the environment), else its built-in default. A configured value
/// is read by the same rule as the flag, and a bad one fails the command with the flag's message under the key's name.
/// </summary>
/// <param name="configuration">appsettings.json and the environment, as <see cref="SiloConfiguration.Read"/> gives them.</param>
internal sealed class ConfiguredOptions(Microsoft.Extensions.Configuration.IConfiguration configuration)
{
    private readonly List<Action<CommandResult>> _checks = [];
    private readonly Dictionary<Option, Func<object?>> _fallbacks = [];

    /// <summary>
    /// Makes <paramref name="option"/> fall back to the value configured at <paramref name="key"/>, then to
    /// <paramref name="defaultValue"/>, when its flag is not given. <paramref name="read"/> turns a configured text into
    /// the value, or says what is wrong with it (without the option's name); <paramref name="applies"/> says whether the
    /// key matters for the command as given (a store's connection string only with that store), so that an unused key
    /// is never checked. A <paramref name="secret"/>'s configured value is not made the option's default, which
    /// <c>--help</c> would print: read it with <see cref="Value"/>.
    /// </summary>
    public Option<T> Bind<T>(Option<T> option, string key, T defaultValue, Func<string, (T Value, string? Problem)> read, Func<CommandResult, bool>? applies = null, bool secret = false)
    {
        T Fallback() => Configured(key) is { } text && read(text) is (var value, null) ? value : defaultValue;
        if (!secret)
        {
            option.DefaultValueFactory = _ => Fallback();
        }

        _fallbacks[option] = () => Fallback();
        option.Description = $"{option.Description} Configuration: {key}.";
        _checks.Add(command =>
        {
            if (!Given(command, option) && (applies?.Invoke(command) ?? true) && Configured(key) is { } text && read(text).Problem is { } problem)
            {
                command.AddError($"{key}: {problem}");
            }
        });
        return option;
    }

    /// <summary>The text configured at <paramref name="key"/>; null when unset or blank (appsettings.json lists unset options as "").</summary>
    public string? Configured(string key) => string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key];

    /// <summary>Checks the configured values of the options bound so far whose flags <paramref name="command"/> does not give.</summary>
    public void AddChecksTo(Command command) => command.Validators.Add(result =>
    {
        foreach (var check in _checks)
        {
            check(result);
        }
    });

    /// <summary>
    /// The option's value while <paramref name="command"/> is validated: the flag's when given, else the configured or
    /// default value (a command's validators see only the options given, dotnet/command-line-api#2841).
    /// </summary>
    public T Effective<T>(CommandResult command, Option<T> option) =>
        Given(command, option) ? command.GetValue(option)! : (T)_fallbacks[option]()!;

    /// <summary>The option's value: the flag's when given, else the configured or default value.</summary>
    public T Value<T>(ParseResult parseResult, Option<T> option) =>
        parseResult.GetResult(option) is { Implicit: false } ? parseResult.GetValue(option)! : (T)_fallbacks[option]()!;

    /// <summary>Whether the flag itself was given (a default, configured or built in, is not).</summary>
    public static bool Given(CommandResult command, Option option) => command.GetResult(option) is { Implicit: false };
}
