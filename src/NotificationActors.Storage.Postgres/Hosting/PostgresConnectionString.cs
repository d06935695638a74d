using Npgsql;

namespace NotificationActors.Storage.Postgres.Hosting;

/// <summary>Refuses a connection string Npgsql cannot parse, naming what is wrong, before anything connects.</summary>
public static class PostgresConnectionString
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="connectionString"/> is a usable Npgsql connection string.</summary>
    public static void Validate(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The PostgreSQL connection string is empty; give one such as 'Host=127.0.0.1;Port=5432;Database=na;Username=na'.", nameof(connectionString));
        }

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"The PostgreSQL connection string is not valid: {e.Message}", nameof(connectionString), e);
        }

        if (string.IsNullOrWhiteSpace(parsed.Host))
        {
            throw new ArgumentException("The PostgreSQL connection string names no Host.", nameof(connectionString));
        }
    }
}
