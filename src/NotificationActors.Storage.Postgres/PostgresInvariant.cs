namespace NotificationActors.Storage.Postgres;

/// <summary>The ADO.NET invariant name under which Orleans' providers find Npgsql.</summary>
internal static class PostgresInvariant
{
    public const string Name = "Npgsql";
}
