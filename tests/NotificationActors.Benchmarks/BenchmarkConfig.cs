using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace NotificationActors.Benchmarks;

/// <summary>
/// Allocation and throughput next to the mean, with a job short enough that both kernels run in a few
/// minutes on a 2-core machine; the kernels are steady loops, so a few iterations already give tight errors.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    /// <summary>The configuration every benchmark class in this assembly runs with.</summary>
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(8)
            .WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
