using Microsoft.Extensions.Logging;

namespace NotificationActors.Grains.Calibration;

/// <summary>
/// A silo's member grains' tallies, summed per calibration (arm and opt-out lineage) and UTC day and handed to the calibrations'
/// <see cref="IOptOutCalibrationGrain"/> by the first call of each new day, which waits for it: one call per calibration
/// a day instead of one per member-day. Every call of day D has handed in its silo's tallies of the days before D, so by
/// day D + 2, when plans read day D, every silo that saw a call since has handed day D in. Held in memory: a silo that
/// dies loses at most two days of its tallies, and with them nothing but a little evidence.
/// </summary>
public sealed partial class OptOutTallies(IGrainFactory grains, ILogger<OptOutTallies> logger)
{
    // Days of tallies held when hand-ins keep failing; older ones go.
    private const int MaxDaysHeld = 14;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Key, DateOnly Day), OptOutTally> _pending = [];
    // Day number before which tallies were handed in, and that hand-in: read without the lock by every call of the day.
    private int _handedInBefore = DateOnly.MinValue.DayNumber;
    private volatile Task _handIn = Task.CompletedTask;

    /// <summary>Adds a member's tally of <paramref name="day"/> to calibration <paramref name="key"/> (<see cref="CalibrationGrains.Key(string, string)"/>).</summary>
    public void Record(string key, DateOnly day, OptOutTally tally)
    {
        lock (_gate)
        {
            var pending = (key, day);
            _pending[pending] = _pending.TryGetValue(pending, out var sum) ? sum.Add(tally) : tally;
        }
    }

    /// <summary>Adds members' tallies, each of its calibration and day.</summary>
    public void Record(IEnumerable<(string Key, DateOnly Day, OptOutTally Tally)> tallies)
    {
        foreach (var (key, day, tally) in tallies)
        {
            Record(key, day, tally);
        }
    }

    /// <summary>Hands in the tallies of the days before <paramref name="today"/> the first time it is called on a new day; later calls wait for that hand-in.</summary>
    public Task HandInBeforeAsync(DateOnly today)
    {
        if (today.DayNumber <= Volatile.Read(ref _handedInBefore)) return _handIn;
        return HandInDue(today);
    }

    // Apart from the check above, so the lambda's closure is made only on a new day, not on every call.
    private Task HandInDue(DateOnly today)
    {
        lock (_gate)
        {
            if (today.DayNumber <= _handedInBefore) return _handIn;
            var due = _pending.Where(p => p.Key.Day < today).ToArray();
            foreach (var (key, _) in due) _pending.Remove(key);
            _handIn = due.Length == 0 ? Task.CompletedTask : HandInAsync(due, today);
            Volatile.Write(ref _handedInBefore, today.DayNumber);
            return _handIn;
        }
    }

    private async Task HandInAsync(KeyValuePair<(string Key, DateOnly Day), OptOutTally>[] due, DateOnly today)
    {
        foreach (var calibration in due.GroupBy(d => d.Key.Key))
        {
            var days = calibration.ToDictionary(d => d.Key.Day, d => d.Value);
            try
            {
                await CalibrationGrains.For(grains, calibration.Key).Add(days);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A plan is never refused for want of the population's numbers: the days wait for the next hand-in.
                LogHandInFailed(logger, e, calibration.Key, days.Count);
                foreach (var (day, tally) in days.Where(d => d.Key > today.AddDays(-MaxDaysHeld)))
                {
                    Record(calibration.Key, day, tally);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand in {Days} days of opt-out tallies of calibration {Calibration}; they wait for the next day's hand-in")]
    private static partial void LogHandInFailed(ILogger logger, Exception exception, string calibration, int days);
}
