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

    private static T Parse<T>(ArgumentResult result, string name, T min, T max)
        where T : INumber<T>
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
        if (T.TryParse(text, NumberStyles.Float | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && !T.IsNaN(value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: '{text}' is not a number from {min} to {max}."));
        return min;
    }
}
