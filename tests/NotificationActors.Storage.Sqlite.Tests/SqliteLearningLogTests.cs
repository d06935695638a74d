using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Storage.Sqlite.Tests;

public sealed class SqliteLearningLogTests(SqliteSiloFixture silo) : LearningLogSuite, IClassFixture<SqliteSiloFixture>
{
    protected override ILearningLog Log => silo.Services.GetRequiredService<ILearningLog>();
}
