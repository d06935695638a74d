using System.Diagnostics.Metrics;

namespace NotificationActors.Lab.Load.Members;

/// <summary>
/// Orleans' own gauges of what a silo holds in memory per grain, read from its meter in this process: the reminders
/// its reminder service tracks (loaded ones and the temporary markers of ones registered outside the loading
/// window) and the grain directory's cached and owned entries.
/// </summary>
internal sealed class OrleansGauges : IDisposable
{
    /// <summary>Reminders the reminder service tracks in memory, markers included.</summary>
    public const string Reminders = "orleans-reminders-active";

    /// <summary>Entries of the grain directory's cache.</summary>
    public const string DirectoryCache = "orleans-directory-cache-size";

    /// <summary>Entries of this silo's grain directory partition.</summary>
    public const string DirectoryPartition = "orleans-directory-partition-size";

    private static readonly HashSet<string> Names = new([Reminders, DirectoryCache, DirectoryPartition], StringComparer.Ordinal);

    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _values = new(StringComparer.Ordinal);

    public OrleansGauges()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.Orleans" && instrument.IsObservable && Names.Contains(instrument.Name)) listener.EnableMeasurementEvents(instrument);
        };
        // Observable gauges report only when asked, on the asking thread (inside Read's lock).
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => _values[instrument.Name] = _values.GetValueOrDefault(instrument.Name) + value);
        _listener.Start();
    }

    /// <summary>Each gauge's value now (summed over its tagged series); a gauge Orleans has not published reads 0.</summary>
    public IReadOnlyDictionary<string, long> Read()
    {
        lock (_values)
        {
            _values.Clear();
            _listener.RecordObservableInstruments();
            return new Dictionary<string, long>(_values, StringComparer.Ordinal);
        }
    }

    public void Dispose() => _listener.Dispose();
}
