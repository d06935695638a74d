namespace NotificationActors.Benchmarks;

/// <summary>What one operation of a benchmark class is, and the throughput per core its issue asks for.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ThroughputAttribute(string unit, double targetPerSecond) : Attribute
{
    /// <summary>Plural name of one operation, e.g. "members".</summary>
    public string Unit { get; } = unit;

    /// <summary>Operations per second on one core that the kernel must reach.</summary>
    public double TargetPerSecond { get; } = targetPerSecond;
}
