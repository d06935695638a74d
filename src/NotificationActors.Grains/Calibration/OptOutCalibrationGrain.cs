using Microsoft.Extensions.Options;
using NotificationActors.Grains.Members;
using NotificationActors.Policy.Time;

namespace NotificationActors.Grains.Calibration;

/// <summary>
/// Tallies per week of one model version, the last <see cref="MemberGrainOptions.CalibrationWeeks"/> kept. Written
/// on a timer rather than per member-week (it is a statistic: a crash loses at most the last interval's tallies, and
/// every member-week would otherwise be a second write), and when it deactivates.
/// </summary>
internal sealed class OptOutCalibrationGrain(
    [PersistentState("opt-out-calibration", MemberGrain.StorageName)] IPersistentState<OptOutCalibrationState> state,
    IOptions<MemberGrainOptions> options) : Grain, IOptOutCalibrationGrain
{
    // How often added tallies reach storage.
    private static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(10);

    private readonly int _weeks = options.Value.CalibrationWeeks;
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(WriteIfChangedAsync, WriteInterval, WriteInterval);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => WriteIfChangedAsync();

    public Task Add(string week, OptOutTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        if (!IsoWeek.TryParse(week, out _))
        {
            throw new ArgumentException($"'{week}' is not an ISO week.", nameof(week));
        }

        var weeks = state.State.Weeks;
        weeks[week] = weeks.TryGetValue(week, out var sum) ? sum.Add(tally) : tally;

        // Weeks sort as their names do; the oldest beyond the window go.
        while (weeks.Count > _weeks)
        {
            weeks.Remove(weeks.Keys.Min(StringComparer.Ordinal)!);
        }

        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<OptOutScale> ScaleFor(string week)
    {
        var latest = IsoWeek.Parse(week).Previous().Previous();
        var total = OptOutTally.Empty;
        foreach (var (name, tally) in state.State.Weeks)
        {
            if (IsoWeek.Parse(name) <= latest) total = total.Add(tally);
        }

        return Task.FromResult(OptOutScale.From(total));
    }

    private async Task WriteIfChangedAsync()
    {
        if (!_dirty) return;
        _dirty = false;
        await state.WriteStateAsync();
    }
}

/// <summary>The calibration grain's state: a tally per ISO week.</summary>
[GenerateSerializer]
public sealed class OptOutCalibrationState
{
    [Id(0)] public Dictionary<string, OptOutTally> Weeks { get; set; } = new(StringComparer.Ordinal);
}
