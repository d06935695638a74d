using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Running;
using NotificationActors.Benchmarks;

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
