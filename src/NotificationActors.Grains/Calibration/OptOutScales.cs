using System.Collections.Concurrent;

namespace NotificationActors.Grains.Calibration;

/// <summary>
/// A silo's copy of the opt-out scales its members plan with, fetched once per model version and UTC day from the
/// version's <see cref="IOptOutCalibrationGrain"/> (a day's scale never changes, so the copy never goes stale).
/// </summary>
public sealed class OptOutScales(IGrainFactory grains)
{
    // Days kept per version: today and yesterday, for calls that straddle midnight.
    private const int DaysKept = 2;

    private readonly ConcurrentDictionary<(string Version, DateOnly Day), Task<OptOutScale>> _scales = new();

    /// <summary>The scale for plans made on <paramref name="day"/> with model <paramref name="version"/>.</summary>
    public async ValueTask<OptOutScale> ForAsync(string version, DateOnly day)
    {
        var key = (version, day);
        if (!_scales.TryGetValue(key, out var fetch))
        {
            // A new day or version: the only time older copies can be forgotten, so calls of the day skip the sweep.
            fetch = _scales.GetOrAdd(key, k => grains.GetGrain<IOptOutCalibrationGrain>(k.Version).ScaleFor(k.Day));
            Forget(version, day);
        }

        try
        {
            return await fetch;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A plan is not refused for want of the population's numbers: it prices opt-outs as the model does, and the
            // next plan asks again.
            _scales.TryRemove(new KeyValuePair<(string, DateOnly), Task<OptOutScale>>(key, fetch));
            return OptOutScale.None;
        }
    }

    private void Forget(string version, DateOnly day)
    {
        if (_scales.Count <= DaysKept) return;
        var oldest = day.AddDays(1 - DaysKept);
        foreach (var key in _scales.Keys)
        {
            if (key.Version != version || key.Day < oldest) _scales.TryRemove(key, out _);
        }
    }
}
