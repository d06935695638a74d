using System.Globalization;

namespace NotificationActors.Silo.Apis;

/// <summary>A rejected import line.</summary>
internal sealed record RejectedLine(int Line, Dictionary<string, string[]> Errors)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"line {Line}: {string.Join("; ", Errors.Keys)}");
}
