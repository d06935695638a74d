namespace NotificationActors.Grains.Calibration;

/// <summary>
/// The population's opt-outs against what one model version predicted for them, week by week (one grain per version):
/// how the prior's opt-out prices come from data as soon as there is any, without a training job.
/// </summary>
public interface IOptOutCalibrationGrain : IGrainWithStringKey
{
    /// <summary>Adds closed member-weeks of ISO week <paramref name="week"/>.</summary>
    Task Add(string week, OptOutTally tally);

    /// <summary>
    /// The scale for plans of ISO week <paramref name="week"/>: from the weeks up to two before it, which members have
    /// closed by the time it starts, so every silo plans a week with the same scale whatever the order of calls.
    /// </summary>
    Task<OptOutScale> ScaleFor(string week);
}
