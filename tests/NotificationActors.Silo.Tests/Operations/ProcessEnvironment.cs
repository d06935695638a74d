namespace NotificationActors.Silo.Tests.Operations;

/// <summary>Tests that set the process's environment variables run alone, so that no other test reads them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "Environment variables";
}
