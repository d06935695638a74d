namespace NotificationActors.Storage.Sqlite.Hosting;

/// <summary>Checks a SQLite store's options when the silo starts, so a bad path stops it with a message naming the option.</summary>
internal sealed class SqliteStoreOptionsValidator(SqliteStoreOptions options, string owner) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var optionsName = options.GetType().Name;
        if (string.IsNullOrWhiteSpace(options.DataSource))
        {
            throw Invalid($"{optionsName}.{nameof(options.DataSource)} is empty; set it to the path of the SQLite file.");
        }

        if (options.MaxBatchSize < 1)
        {
            throw Invalid($"{optionsName}.{nameof(options.MaxBatchSize)} is {options.MaxBatchSize}; it must be at least 1.");
        }

        string path;
        try
        {
            path = Path.GetFullPath(options.DataSource);
            if (Directory.Exists(path))
            {
                throw Invalid($"{optionsName}.{nameof(options.DataSource)} '{options.DataSource}' is a directory; give a file path such as '{Path.Combine(options.DataSource, "notification-actors.db")}'.");
            }

            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Invalid($"{optionsName}.{nameof(options.DataSource)} '{options.DataSource}' cannot be used: {e.Message}");
        }
    }

    private OrleansConfigurationException Invalid(string reason) => new($"Invalid configuration of {owner}: {reason}");
}
