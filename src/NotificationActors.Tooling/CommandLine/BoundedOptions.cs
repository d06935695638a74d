using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace NotificationActors.Tooling.CommandLine;

/// <summary>
/// Numeric options parsed and range-checked in one place, so a bad value ("abc", "-1") is a parse error that
/// names the option and its range rather than an exception from a validator reading an unconvertible value.
/// </summary>
internal static class BoundedOptions
{
    public static Option<T> Create<T>(string name, string description, T defaultValue, T min, T max)
        where T : INumber<T>
    {
        return new Option<T>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => Parse(result, name, min, max),
        };
    }

    /// <summary>Reads <paramref name="text"/> as a number in [<paramref name="min"/>, <paramref name="max"/>], or says what is wrong with it (without an option's name).</summary>
    public static (T Value, string? Problem) Read<T>(string text, T min, T max)
        where T : INumber<T>
    {
        if (T.TryParse(text, NumberStyles.Float | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && !T.IsNaN(value) && value >= min && value <= max)
        {
            return (value, null);
        }

        return (min, string.Create(CultureInfo.InvariantCulture, $"'{text}' is not a number from {min} to {max}."));
    }

    private static T Parse<T>(ArgumentResult result, string name, T min, T max)
        where T : INumber<T>
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
        var (value, problem) = Read(text, min, max);
        if (problem is not null)
        {
            result.AddError($"{name}: {problem}");
        }

        return value;
    }
}
