using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace NotificationActors.FieldTrial.CommandLine;

/// <summary>Whole-number options parsed and range-checked at once, so "abc" or "-1" is a parse error naming the option and its range.</summary>
internal static class BoundedOption
{
    public static Option<int> Create(string name, string description, int defaultValue, int min, int max) => new(name)
    {
        Description = string.Create(CultureInfo.InvariantCulture, $"{description} ({min} to {max})"),
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result, name, min, max),
    };

    private static int Parse(ArgumentResult result, string name, int min, int max)
    {
        var text = string.Join(' ', result.Tokens.Select(t => t.Value));
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: '{text}' is not a whole number from {min} to {max}."));
        return min;
    }
}
