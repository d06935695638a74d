using Microsoft.Extensions.Options;
using NotificationActors.Grains.Members;

namespace NotificationActors.Grains.Calibration;

/// <summary>
/// Tallies per UTC day of one arm's plans by one opt-out lineage, the last <see cref="MemberGrainOptions.CalibrationWeeks"/> weeks kept.
/// Silos hand theirs in once a day (<see cref="OptOutTallies"/>), so this is no hotspot. Written on a timer rather than
/// per call (it is a statistic: a crash loses at most the last interval's tallies), and when it deactivates.
/// </summary>
internal sealed class OptOutCalibrationGrain(
    [PersistentState("opt-out-calibration", MemberGrain.StorageName)] IPersistentState<OptOutCalibrationState> state,
    IOptions<MemberGrainOptions> options) : Grain, IOptOutCalibrationGrain
{
    // How often added tallies reach storage.
    private static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(10);

    // Plans read the days up to this many before their own: by then every silo has handed them in.
    private const int DaysBehind = 2;

    private readonly int _days = options.Value.CalibrationWeeks * 7;
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(WriteIfChangedAsync, WriteInterval, WriteInterval);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => WriteIfChangedAsync();

    public Task Add(IReadOnlyDictionary<DateOnly, OptOutTally> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        foreach (var (day, tally) in days)
        {
            if (tally is null || tally.PushSends < 0 || tally.EmailSends < 0 || tally.PushObserved < 0 || tally.EmailObserved < 0 || tally.PushOpens < 0 || tally.EmailOpens < 0
                || tally.InAppSends < 0 || tally.Dismisses < 0
                || !(tally.PushPredicted >= 0) || !(tally.EmailPredicted >= 0) || double.IsInfinity(tally.PushPredicted) || double.IsInfinity(tally.EmailPredicted))
            {
                throw new ArgumentException($"The tally of {day:yyyy-MM-dd} is missing or has a negative or non-finite count: {tally}.", nameof(days));
            }
        }

        var kept = state.State.Days;
        foreach (var (day, tally) in days)
        {
            kept[day] = kept.TryGetValue(day, out var sum) ? sum.Add(tally) : tally;
        }

        while (kept.Count > _days)
        {
            kept.Remove(kept.Keys.Min());
        }

        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<OptOutScale> ScaleFor(DateOnly day) => Task.FromResult(OptOutScale.From(TotalFor(day)));

    public Task<OptOutScale> LowerScaleFor(DateOnly day) => Task.FromResult(OptOutScale.LowerBound(TotalFor(day)));

    public Task<PopulationRates> RatesFor(DateOnly day) => Task.FromResult(PopulationRates.From(TotalFor(day)));

    private OptOutTally TotalFor(DateOnly day)
    {
        var latest = day.AddDays(-DaysBehind);
        var total = OptOutTally.Empty;
        foreach (var (kept, tally) in state.State.Days.OrderBy(d => d.Key))
        {
            if (kept <= latest) total = total.Add(tally);
        }

        return total;
    }

    private async Task WriteIfChangedAsync()
    {
        if (!_dirty) return;
        _dirty = false;
        await state.WriteStateAsync();
    }
}

/// <summary>The calibration grain's state: a tally per UTC day (field 0, a tally per ISO week, is no longer read).</summary>
[GenerateSerializer]
public sealed class OptOutCalibrationState
{
    [Id(1)] public Dictionary<DateOnly, OptOutTally> Days { get; set; } = [];
}
