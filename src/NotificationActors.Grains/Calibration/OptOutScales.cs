using System.Collections.Concurrent;
using NotificationActors.Policy.Time;

namespace NotificationActors.Grains.Calibration;

/// <summary>
/// A silo's copy of the opt-out scales its members plan with, fetched once per model version and week from the
/// version's <see cref="IOptOutCalibrationGrain"/> (a week's scale never changes, so the copy never goes stale).
/// </summary>
public sealed class OptOutScales(IGrainFactory grains)
{
    // Weeks kept per version: the current one and the one before, for members whose week has not rolled yet.
    private const int WeeksKept = 2;

    private readonly ConcurrentDictionary<(string Version, string Week), Task<OptOutScale>> _scales = new();

    /// <summary>The scale for plans of <paramref name="week"/> made with model <paramref name="version"/>.</summary>
    public async ValueTask<OptOutScale> ForAsync(string version, IsoWeek week)
    {
        var key = (version, week.ToString());
        var fetch = _scales.GetOrAdd(key, k => grains.GetGrain<IOptOutCalibrationGrain>(k.Version).ScaleFor(k.Week));
        try
        {
            var scale = await fetch;
            Forget(version, week);
            return scale;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A plan is not refused for want of the population's numbers: it prices opt-outs as the model does, and the
            // next plan asks again.
            _scales.TryRemove(new KeyValuePair<(string, string), Task<OptOutScale>>(key, fetch));
            return OptOutScale.None;
        }
    }

    /// <summary>The scale already fetched for <paramref name="week"/>, or none: for replanning inside a week without a call out.</summary>
    public OptOutScale Known(string version, IsoWeek week) =>
        _scales.TryGetValue((version, week.ToString()), out var fetch) && fetch.IsCompletedSuccessfully ? fetch.Result : OptOutScale.None;

    private void Forget(string version, IsoWeek week)
    {
        if (_scales.Count <= WeeksKept) return;
        var oldest = week;
        for (var i = 1; i < WeeksKept; i++) oldest = oldest.Previous();
        foreach (var key in _scales.Keys)
        {
            if (key.Version != version || IsoWeek.Parse(key.Week) < oldest) _scales.TryRemove(key, out _);
        }
    }
}
