namespace NotificationActors.Grains.Calibration;

/// <summary>Where an arm's opt-out calibration lives.</summary>
public static class CalibrationGrains
{
    /// <summary>
    /// The calibration of the plans arm <paramref name="arm"/> makes, whichever model version makes them: the learning
    /// loop serves a new version every week, and a calibration per version restarted from nothing with each (in the
    /// field trial's world the push scale plans priced with fell from 3.3 to 1.5-2.6 and opt-outs rose half again).
    /// Each message still carries its own model's prediction, so the scale is the arm's served models' opt-outs
    /// against what they predicted, and a new version starts from its arm's recent scale. Keys of the first
    /// calibration, per model version, cannot collide with these.
    /// </summary>
    public static IOptOutCalibrationGrain ForArm(IGrainFactory grains, string arm)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrEmpty(arm);
        return grains.GetGrain<IOptOutCalibrationGrain>(KeyPrefix + arm);
    }

    // Model versions are names of letters, digits, dots, dashes and underscores, never a slash.
    private const string KeyPrefix = "arm/";
}
