using System.Text.RegularExpressions;
using Azure.Data.Tables;

namespace NotificationActors.Storage.Azure.Hosting;

/// <summary>Checks an Azure Storage connection string and table name up front, so a typo fails at start with its name.</summary>
public static partial class AzureConnectionString
{
    /// <summary>A client of table <paramref name="tableName"/> in the account the connection string names.</summary>
    /// <exception cref="ArgumentException">The connection string or the table name is malformed.</exception>
    public static TableClient TableClient(string connectionString, string tableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (!TableName().IsMatch(tableName))
        {
            throw new ArgumentException($"'{tableName}' is not an Azure table name (3 to 63 letters and digits, starting with a letter).", nameof(tableName));
        }

        try
        {
            return new TableServiceClient(connectionString).GetTableClient(tableName);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new ArgumentException($"The Azure Storage connection string is malformed: {e.Message}", nameof(connectionString), e);
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
