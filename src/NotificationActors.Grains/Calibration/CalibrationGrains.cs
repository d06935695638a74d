namespace NotificationActors.Grains.Calibration;

/// <summary>Where an arm's opt-out calibration lives.</summary>
public static class CalibrationGrains
{
    /// <summary>
    /// The calibration of the plans arm <paramref name="arm"/> makes, whichever model version makes them: the learning
    /// loop serves a new version every week, and a calibration per version restarted from nothing with each (in the
    /// field trial's world the push scale plans priced with fell from 3.3 to 1.5-2.6 and opt-outs rose half again).
    /// Each message still carries its own model's prediction, so the scale is the arm's served models' opt-outs
    /// against what they predicted, and a new version starts from its arm's recent scale.
    /// </summary>
    public static IOptOutCalibrationGrain ForArm(IGrainFactory grains, string arm)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrEmpty(arm);
        return grains.GetGrain<IOptOutCalibrationGrain>(KeyPrefix + arm);
    }

    // The first calibration's grains were keyed by bare model versions (their state is left unread); the prefix keeps the two apart.
    private const string KeyPrefix = "arm/";
}
