using NotificationActors.Policy.Slow;

namespace NotificationActors.Grains.Calibration;

/// <summary>Where a calibration lives: one per arm and opt-out lineage (<see cref="IRewardModel.OptOutLineage"/>).</summary>
public static class CalibrationGrains
{
    /// <summary>
    /// The calibration of the plans arm <paramref name="arm"/> makes with <paramref name="model"/> and every model of its
    /// opt-out lineage. The learning loop serves a new version every week, and a calibration per version restarted from
    /// nothing with each (in the field trial's world the push scale plans priced with fell from 3.3 to 1.5-2.6 and
    /// opt-outs rose half again); one per arm alone carried the built-in prior's scale into the trained versions' plans
    /// (in the harsher world it cost 0.024 engaged days a member-week). Each message still carries its own model's
    /// prediction, so a lineage's scale is its models' opt-outs against what they predicted.
    /// </summary>
    public static string Key(string arm, IRewardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Key(arm, model.OptOutLineage);
    }

    /// <summary>The calibration of arm <paramref name="arm"/>'s plans by models of opt-out lineage <paramref name="lineage"/>.</summary>
    public static string Key(string arm, string lineage)
    {
        ArgumentException.ThrowIfNullOrEmpty(arm);
        ArgumentException.ThrowIfNullOrEmpty(lineage);
        return $"{KeyPrefix}{arm}/{lineage}";
    }

    /// <summary>The grain of calibration <paramref name="key"/> (<see cref="Key(string, IRewardModel)"/>).</summary>
    public static IOptOutCalibrationGrain For(IGrainFactory grains, string key)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return grains.GetGrain<IOptOutCalibrationGrain>(key);
    }

    // The first calibration's grains were keyed by bare model versions (their state is left unread); the prefix keeps the two apart.
    private const string KeyPrefix = "arm/";
}
