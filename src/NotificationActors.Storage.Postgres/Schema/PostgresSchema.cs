using System.Reflection;
using Npgsql;

namespace NotificationActors.Storage.Postgres.Schema;

/// <summary>
/// The database's tables and Orleans' query rows, applied in order and each once: every migration runs in one
/// transaction under an advisory lock, so several silos starting together on an empty database do not race.
/// </summary>
internal static class PostgresSchema
{
    private const string ResourcePrefix = "NotificationActors.Storage.Postgres.Schema.";

    // Any fixed number: the silos of every deployment agree on it, nothing else in the database uses it.
    private const long MigrationLockKey = 0x4e41_5343_4845_4d41;

    /// <summary>The migrations, in the order they apply ("001-orleans", "002-learning-log", ...).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = LoadMigrations();

    /// <summary>Applies the missing migrations up to <paramref name="throughVersion"/> (all by default); returns how many it applied.</summary>
    public static async Task<int> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken, int throughVersion = int.MaxValue)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLockKey});", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS na_schema_migrations
            (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """, cancellationToken).ConfigureAwait(false);

        var applied = new HashSet<int>();
        await using (var read = new NpgsqlCommand("SELECT version FROM na_schema_migrations;", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var count = 0;
        foreach (var (version, name, sql) in Migrations.Where(m => m.Version <= throughVersion && !applied.Contains(m.Version)))
        {
            await ExecuteAsync(connection, sql, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO na_schema_migrations (version, name) VALUES ($1, $2);", connection);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            count++;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static List<(int Version, string Name, string Sql)> LoadMigrations()
    {
        var assembly = typeof(PostgresSchema).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".sql".Length])
            .Order(StringComparer.Ordinal)
            .Select(name => (int.Parse(name.AsSpan(0, name.IndexOf('-', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture), name, Read(assembly, name)))
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name + ".sql")
            ?? throw new InvalidOperationException($"The schema script '{name}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
