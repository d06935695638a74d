using Orleans.Storage;

namespace NotificationActors.Storage.Sqlite.Storage;

/// <summary>Options of a named SQLite grain storage.</summary>
public sealed class SqliteGrainStorageOptions : SqliteStoreOptions, IStorageProviderSerializerOptions
{
    /// <summary>Default <see cref="InitStage"/>: Orleans' own storage providers start at this stage.</summary>
    public const int DefaultInitStage = ServiceLifecycleStage.ApplicationServices;

    /// <summary>Serializer of grain state; Orleans' configured grain storage serializer unless set.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;

    /// <summary>Silo lifecycle stage at which the file is opened and the schema applied.</summary>
    public int InitStage { get; set; } = DefaultInitStage;
}
