using System.Collections.Concurrent;

namespace NotificationActors.Grains.Calibration;

/// <summary>
/// A silo's copy of the opt-out scales and open and dismiss rates its members plan with, fetched once per calibration (arm and opt-out
/// lineage) and UTC day from its <see cref="IOptOutCalibrationGrain"/> (a day's numbers never change, so the copy never goes stale).
/// </summary>
public sealed class OptOutScales(IGrainFactory grains)
{
    // Days kept per calibration: today and yesterday, for calls that straddle midnight.
    private const int DaysKept = 2;

    private readonly ConcurrentDictionary<(string Key, DateOnly Day), Task<Day>> _days = new();

    /// <summary>The scale for plans made on <paramref name="day"/> under calibration <paramref name="key"/> (<see cref="CalibrationGrains.Key(string, string)"/>).</summary>
    public async ValueTask<OptOutScale> ForAsync(string key, DateOnly day) =>
        await DayAsync(key, day) is { } read ? read.Scale : OptOutScale.None;

    /// <summary>The scale's lower bound for <paramref name="day"/> under calibration <paramref name="key"/>: what a rise within a week must clear.</summary>
    public async ValueTask<OptOutScale> LowerBoundAsync(string key, DateOnly day) =>
        await DayAsync(key, day) is { } read ? read.LowerScale : OptOutScale.None;

    /// <summary>The population's open and dismiss rates for plans made on <paramref name="day"/> under calibration <paramref name="key"/>.</summary>
    public async ValueTask<PopulationRates> RatesAsync(string key, DateOnly day) =>
        await DayAsync(key, day) is { } read ? read.Rates : PopulationRates.None;

    private async ValueTask<Day?> DayAsync(string calibration, DateOnly day)
    {
        var key = (calibration, day);
        if (!_days.TryGetValue(key, out var fetch))
        {
            // A new day or calibration: the only time older copies can be forgotten, so calls of the day skip the sweep.
            fetch = _days.GetOrAdd(key, k => FetchAsync(CalibrationGrains.For(grains, k.Key), k.Day));
            Forget(day);
        }

        try
        {
            return await fetch;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A plan is not refused for want of the population's numbers: it prices opt-outs as the model does, and the
            // next plan asks again.
            _days.TryRemove(new KeyValuePair<(string, DateOnly), Task<Day>>(key, fetch));
            return null;
        }
    }

    private static async Task<Day> FetchAsync(IOptOutCalibrationGrain grain, DateOnly day) =>
        new(await grain.ScaleFor(day), await grain.LowerScaleFor(day), await grain.RatesFor(day));

    private void Forget(DateOnly day)
    {
        var oldest = day.AddDays(1 - DaysKept);
        foreach (var key in _days.Keys)
        {
            if (key.Day < oldest) _days.TryRemove(key, out _);
        }
    }

    private sealed record Day(OptOutScale Scale, OptOutScale LowerScale, PopulationRates Rates);
}
