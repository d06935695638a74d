using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Storage.Azure.Tests;

public sealed class AzureReminderTableTests(AzureSiloFixture silo) : ReminderTableSuite, IClassFixture<AzureSiloFixture>
{
    protected override IReminderTable Table => silo.Services.GetRequiredService<IReminderTable>();
}
