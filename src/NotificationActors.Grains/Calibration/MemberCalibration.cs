using Microsoft.Extensions.Options;
using NotificationActors.Grains.Members;

namespace NotificationActors.Grains.Calibration;

/// <summary>
/// The opt-out calibration as a member grain takes part in it: hand in the silo's tallies at a new day's first call,
/// price a new plan at the day's scale, cut a plan's budgets when the scale has risen, and pass a call's tallies on
/// once its state is written. Does nothing when <see cref="MemberGrainOptions.CalibrateOptOuts"/> is off.
/// </summary>
public sealed class MemberCalibration(OptOutScales scales, OptOutTallies tallies, IOptions<MemberGrainOptions> options)
{
    private readonly bool _on = options.Value.CalibrateOptOuts;

    /// <summary>Before a call: the silo's tallies of the days before today go to the population's.</summary>
    public Task BeforeCallAsync(DateTimeOffset now) => _on ? tallies.HandInBeforeAsync(MemberModel.Day(now)) : Task.CompletedTask;

    /// <summary>The scale a plan made now under calibration <paramref name="key"/> (<see cref="CalibrationGrains.Key(string, string)"/>) prices opt-outs at.</summary>
    public ValueTask<OptOutScale> ForPlanAsync(string key, DateTimeOffset now) =>
        _on ? scales.ForAsync(key, MemberModel.Day(now)) : ValueTask.FromResult(OptOutScale.None);

    /// <summary>The population's open and dismiss rates a plan made now under calibration <paramref name="key"/> assumes of a member without history.</summary>
    public ValueTask<PopulationRates> RatesForPlanAsync(string key, DateTimeOffset now) =>
        _on ? scales.RatesAsync(key, MemberModel.Day(now)) : ValueTask.FromResult(PopulationRates.None);

    /// <summary>
    /// Cuts the member's budgets left when the population's scale has risen since they were set, beyond its noise; returns whether it did.
    /// A cut re-plans the member's week, so it reads the population's open and dismiss rates of the day too (the champion's
    /// for a challenger's member, as when the week was planned), and the scale of the champion a challenger's plans are
    /// anchored to (<see cref="MemberModel.AnchorScale"/>), which a cut by a strong signal later in the call uses as well.
    /// </summary>
    internal async ValueTask<bool> RecalibrateAsync(MemberModel member, DateTimeOffset now)
    {
        if (member.RecalibrationKey() is not { } key) return false;
        var day = MemberModel.Day(now);
        var anchor = member.AnchorCalibrationKey();
        member.PopulationRates = await scales.RatesAsync(anchor ?? key, day);
        member.AnchorScale = anchor is null ? null : await scales.ForAsync(anchor, day);
        return member.Recalibrate(await scales.ForAsync(key, day), await scales.LowerBoundAsync(key, day), now);
    }

    /// <summary>After a write: the call's tallies join the silo's.</summary>
    public void Written(IEnumerable<(string Key, DateOnly Day, OptOutTally Tally)> written) => tallies.Record(written);
}
