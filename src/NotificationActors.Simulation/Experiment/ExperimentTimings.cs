using System.Diagnostics;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// Where a run's time went. Wall-clock seconds per phase, and within the simulated days the time members spent
/// awaiting grain calls versus in the world's model, summed over the members simulated at once (so those two can
/// exceed the wall clock; their ratio is what matters).
/// </summary>
public sealed class ExperimentTimings
{
    private long _grainTicks;
    private long _worldTicks;
    private long _oracleTicks;

    /// <summary>Starting the cluster and importing members.</summary>
    public TimeSpan Setup { get; internal set; }

    /// <summary>Simulating days: members through the grains.</summary>
    public TimeSpan Days { get; internal set; }

    /// <summary>Reading the learning log and retraining the hierarchical arm's models.</summary>
    public TimeSpan Training { get; internal set; }

    /// <summary>The whole run.</summary>
    public TimeSpan Total { get; internal set; }

    /// <summary>Member-days simulated (one call into a member grain each).</summary>
    public long MemberDays { get; internal set; }

    /// <summary>Bytes the whole process allocated while simulating days (grains, silos and world together).</summary>
    public long DaysAllocatedBytes { get; internal set; }

    /// <summary>Processor time the whole process spent simulating days, over both cores.</summary>
    public TimeSpan DaysProcessorTime { get; internal set; }

    /// <summary>Wall-clock time the garbage collector held the process paused while simulating days.</summary>
    public TimeSpan DaysCollectorPauses { get; internal set; }

    /// <summary>Summed time members awaited grain calls.</summary>
    public TimeSpan GrainCalls => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _grainTicks));

    /// <summary>Summed time in the world's model (opportunities, deliveries, days).</summary>
    public TimeSpan World => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _worldTicks));

    /// <summary>Summed time evaluating the oracle (98 actions per member-week).</summary>
    public TimeSpan Oracle => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _oracleTicks));

    internal void AddGrain(long started) => Interlocked.Add(ref _grainTicks, Stopwatch.GetTimestamp() - started);

    internal void AddWorld(long started) => Interlocked.Add(ref _worldTicks, Stopwatch.GetTimestamp() - started);

    internal void AddOracle(long started) => Interlocked.Add(ref _oracleTicks, Stopwatch.GetTimestamp() - started);
}
