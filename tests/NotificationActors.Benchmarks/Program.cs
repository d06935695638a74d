using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Running;
using NotificationActors.Benchmarks;
using NotificationActors.Benchmarks.Storage;

// Load runs are not BenchmarkDotNet jobs: they measure a store under concurrency against a raw baseline.
if (args is ["storage", ..])
{
    return await StorageLoadRun.RunAsync(args[1..]);
}

if (args is ["http", ..])
{
    return await NotificationActors.Benchmarks.Http.HttpLoadRun.RunAsync(args[1..]);
}

if (args is ["train", ..])
{
    return await NotificationActors.Benchmarks.Learning.TrainingLoadRun.RunAsync(args[1..]);
}

if (args is ["experiment-floor", ..])
{
    return await NotificationActors.Benchmarks.Experiment.ExperimentFloorRun.RunAsync(args[1..]);
}

if (args is ["failover", ..])
{
    return await NotificationActors.Benchmarks.Http.FailoverRun.RunAsync(args[1..]);
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());

// Per-operation means turned into the units, so a run says at once whether each target is met.
Console.WriteLine();
Console.WriteLine("Throughput on one core (1e9 / mean ns per operation):");
foreach (var report in summaries.SelectMany(summary => summary.Reports))
{
    var descriptor = report.BenchmarkCase.Descriptor;
    if (report.ResultStatistics is not { } statistics
        || descriptor.Type.GetCustomAttribute<ThroughputAttribute>() is not { } throughput)
    {
        continue;
    }

    var perSecond = 1e9 / statistics.Mean;
    var verdict = descriptor.Baseline ? "baseline" : perSecond >= throughput.TargetPerSecond ? "target met" : "TARGET MISSED";
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"  {descriptor.Type.Name}.{descriptor.WorkloadMethod.Name}: {perSecond:N0} {throughput.Unit}/s (target {throughput.TargetPerSecond:N0}, {verdict})"));
}

return 0;
