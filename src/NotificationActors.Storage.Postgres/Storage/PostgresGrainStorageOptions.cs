using Orleans.Storage;

namespace NotificationActors.Storage.Postgres.Storage;

/// <summary>Options of a named PostgreSQL grain storage; the database and its writer are the store's (<see cref="PostgresStoreOptions"/>).</summary>
public sealed class PostgresGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Serializer of grain state; Orleans' configured grain storage serializer unless set.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
