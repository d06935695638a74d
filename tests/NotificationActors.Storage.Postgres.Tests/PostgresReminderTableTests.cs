using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Storage.Postgres.Tests;

public sealed class PostgresReminderTableTests(PostgresSiloFixture silo) : ReminderTableSuite, IClassFixture<PostgresSiloFixture>
{
    protected override IReminderTable Table => silo.Services.GetRequiredService<IReminderTable>();
}
