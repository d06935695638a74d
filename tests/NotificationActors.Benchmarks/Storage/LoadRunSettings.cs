using System.Globalization;
using NotificationActors.Storage.Sqlite;

namespace NotificationActors.Benchmarks.Storage;

/// <summary>The storage load run's knobs: <c>--writes N --grains G --concurrency C --payload BYTES --durability full|normal</c>.</summary>
internal sealed record LoadRunSettings(int Writes, int Grains, int Concurrency, int PayloadBytes, SqliteDurability Durability)
{
    public static LoadRunSettings Parse(string[] args)
    {
        var settings = new LoadRunSettings(Writes: 200_000, Grains: 20_000, Concurrency: 512, PayloadBytes: 1024, SqliteDurability.Full);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            settings = args[i] switch
            {
                "--writes" => settings with { Writes = Positive(args[i], value) },
                "--grains" => settings with { Grains = Positive(args[i], value) },
                "--concurrency" => settings with { Concurrency = Positive(args[i], value) },
                "--payload" => settings with { PayloadBytes = Positive(args[i], value) },
                "--durability" => settings with
                {
                    Durability = Enum.TryParse<SqliteDurability>(value, ignoreCase: true, out var durability)
                        ? durability
                        : throw new ArgumentException($"--durability: '{value}' is not full or normal."),
                },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'; expected --writes, --grains, --concurrency, --payload or --durability."),
            };
        }

        return settings.Grains > settings.Writes
            ? throw new ArgumentException($"--grains ({settings.Grains}) must not exceed --writes ({settings.Writes}).")
            : settings;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{name}: '{value}' is not a positive integer.");
}
