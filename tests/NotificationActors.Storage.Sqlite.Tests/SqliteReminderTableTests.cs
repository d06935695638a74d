using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Storage.Sqlite.Tests;

public sealed class SqliteReminderTableTests(SqliteSiloFixture silo) : ReminderTableSuite, IClassFixture<SqliteSiloFixture>
{
    protected override IReminderTable Table => silo.Get<IReminderTable>();
}
