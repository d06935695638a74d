using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Storage.Postgres.Tests;

public sealed class PostgresLearningLogTests(PostgresSiloFixture silo) : LearningLogSuite, IClassFixture<PostgresSiloFixture>
{
    protected override ILearningLog Log => silo.Services.GetRequiredService<ILearningLog>();
}
