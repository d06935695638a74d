namespace NotificationActors.Grains.Experiments;

/// <summary>Which decision system an experiment arm runs.</summary>
public enum ArmPolicy
{
    /// <summary>The slow weekly plan plus the fast policy inside it (the product).</summary>
    Hierarchical,

    /// <summary>The previous single-threshold system: no weekly plan (docs/policy.md, the baseline to beat).</summary>
    Baseline,

    /// <summary>The same fixed weekly frequencies for everyone, paced by the fast policy.</summary>
    Fixed,

    /// <summary>Frequencies from the silo's <see cref="IPlanOracle"/> (an experiment's hidden truth), paced by the fast policy.</summary>
    Oracle,
}
