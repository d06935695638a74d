using Npgsql;
using NotificationActors.Client.Orleans;

namespace NotificationActors.Client.Postgres;

/// <summary>The client finds the gateways where silos started with <c>--storage postgres</c> register them.</summary>
public static class PostgresClientOptionsExtensions
{
    // The ADO.NET invariant under which Orleans loads Npgsql, as the silos' PostgreSQL store names it.
    private const string Invariant = "Npgsql";

    /// <summary>
    /// Reads the live gateways from the membership table in the PostgreSQL database the silos use (the same
    /// connection string as their <c>--postgres</c>; a user that may read the table is enough).
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is empty, malformed or names no host.</exception>
    public static NotificationActorsClientOptions UsePostgresClustering(this NotificationActorsClientOptions options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parsed = Parse(connectionString);
        return options.UseClustering(
            $"through the gateways listed in PostgreSQL database '{parsed.Database}' on {parsed.Host}:{parsed.Port}",
            client => client.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            }));
    }

    private static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The PostgreSQL connection string is empty; give the silos' one, such as 'Host=db;Port=5432;Database=na;Username=na'.", nameof(connectionString));
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

        return string.IsNullOrWhiteSpace(parsed.Host)
            ? throw new ArgumentException("The PostgreSQL connection string names no Host.", nameof(connectionString))
            : parsed;
    }
}
