using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace NotificationActors.Storage.Azure.Hosting;

/// <summary>Checks an Azure Storage connection string and table name up front, so a typo fails at start with its name.</summary>
public static partial class AzureConnectionString
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="connectionString"/> is a usable Azure Storage connection string.</summary>
    public static void Validate(string connectionString) => ServiceClient(connectionString);

    /// <summary>A client of the account's table service.</summary>
    /// <exception cref="ArgumentException">The connection string is empty or malformed.</exception>
    public static TableServiceClient ServiceClient(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException(
                "The Azure Storage connection string is empty; give one such as 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...' or 'UseDevelopmentStorage=true'.",
                nameof(connectionString));
        }

        try
        {
            return new TableServiceClient(connectionString);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new ArgumentException($"The Azure Storage connection string is malformed: {e.Message}", nameof(connectionString), e);
        }
    }

    /// <summary>A client of table <paramref name="tableName"/> in the account the connection string names.</summary>
    /// <exception cref="ArgumentException">The connection string or the table name is malformed.</exception>
    public static TableClient TableClient(string connectionString, string tableName)
    {
        if (!TableName().IsMatch(tableName ?? ""))
        {
            throw new ArgumentException($"'{tableName}' is not an Azure table name (3 to 63 letters and digits, starting with a letter).", nameof(tableName));
        }

        return ServiceClient(connectionString).GetTableClient(tableName);
    }

    /// <summary>A client of the account's blob service, for blobs in <paramref name="container"/>.</summary>
    /// <exception cref="ArgumentException">The connection string or the container name is malformed.</exception>
    public static BlobServiceClient BlobServiceClient(string connectionString, string container)
    {
        Validate(connectionString);
        if (!ContainerName().IsMatch(container ?? "") || container!.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{container}' is not a blob container name (3 to 63 lowercase letters, digits and single hyphens, starting with a letter or digit).", nameof(container));
        }

        try
        {
            return new BlobServiceClient(connectionString);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new ArgumentException($"The Azure Storage connection string is malformed for blobs: {e.Message}", nameof(connectionString), e);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
