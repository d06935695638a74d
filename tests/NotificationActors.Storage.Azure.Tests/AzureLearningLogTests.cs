using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Storage.Azure.Tests;

public sealed class AzureLearningLogTests(AzureSiloFixture silo) : LearningLogSuite, IClassFixture<AzureSiloFixture>
{
    protected override ILearningLog Log => silo.Services.GetRequiredService<ILearningLog>();
}
