using Orleans.CodeGeneration;

namespace NotificationActors.Grains.Calibration;

/// <summary>
/// The population's opt-outs against what the models that planned them predicted, day by day, for one arm's plans
/// by models of one opt-out lineage (<see cref="CalibrationGrains"/>): how the served models' opt-out prices come from data as soon as there is
/// any, without a training job.
/// Version 1 added <see cref="LowerScaleFor"/>: during a rolling upgrade Orleans moves an activation made by an older silo
/// to a silo that has it when a newer silo asks for it (its default backward-compatible versioning), instead of the call
/// failing and the newer silo's plans of the day going unscaled. Version 2 replaced OpenRatesFor with <see cref="RatesFor"/>,
/// which adds the population's dismiss rate, the same way.
/// </summary>
[Version(2)]
public interface IOptOutCalibrationGrain : IGrainWithStringKey
{
    /// <summary>Adds a silo's tallies, one per UTC day; all are refused, changing nothing, if any is out of range.</summary>
    Task Add(IReadOnlyDictionary<DateOnly, OptOutTally> days);

    /// <summary>
    /// The scale for plans made on UTC day <paramref name="day"/>: from the days up to two before it, which every silo
    /// has handed in by then (<see cref="OptOutTallies"/>), so all silos read the same scale whatever the order of calls.
    /// </summary>
    Task<OptOutScale> ScaleFor(DateOnly day);

    /// <summary>The scale of the same days at the low end of its 95% interval (<see cref="OptOutScale.LowerBound"/>): what cuts a plan's budgets within its week.</summary>
    Task<OptOutScale> LowerScaleFor(DateOnly day);

    /// <summary>The open and dismiss rates for plans made on UTC day <paramref name="day"/>, from the same days as <see cref="ScaleFor"/>.</summary>
    Task<PopulationRates> RatesFor(DateOnly day);
}
