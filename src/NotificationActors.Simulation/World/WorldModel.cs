using System.Globalization;
using System.Runtime.CompilerServices;
using NotificationActors.Policy.Actions;

namespace NotificationActors.Simulation.World;

/// <summary>
/// The world's parameters as the hot paths use them: copied from validated <see cref="WorldOptions"/> (so later
/// edits to the options object change nothing), rates precomputed, the catalogue as arrays, and the oracle's
/// send schedules cached per (push, email) frequency.
/// </summary>
internal sealed class WorldModel
{
    /// <summary>Internal time axis: days since 2000-01-01 UTC as a double; fine to about 1e-10 of a day.</summary>
    public static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private static readonly int EpochDayNumber = new DateOnly(2000, 1, 1).DayNumber;

    // Schedules for frequencies up to this are cached; the default grid (13, 6) is well inside.
    private const int CachedLevels = 64;

    private readonly OracleSchedule?[] _schedules = new OracleSchedule?[CachedLevels * CachedLevels];
    private readonly TitleLaunch[]?[] _launchCache = new TitleLaunch[]?[LaunchCacheSize];
    private const int LaunchCacheSize = 32;
    private readonly ConditionalWeakTable<ActionGrid, int[]> _laneOrders = [];

    // Each title's id, made the first time a candidate promotes it: candidates repeat titles, and formatting the id
    // each time was a string per candidate. Written without a lock; racing writers store equal strings.
    private readonly string?[][] _titleIds;

    // The ids of the day the members are on; a member starting another day replaces them.
    private DayIds _dayIds = new(DateOnly.MinValue);

    public WorldModel(int seed, WorldOptions options)
    {
        options.Validate();
        Seed = seed;
        Options = WorldOptions.Parse(options.ToJson());
        var o = Options;
        CategoryNames = [.. o.Categories.Select(c => c.Name)];
        MeanTaste = [.. o.Categories.Select(c => c.MeanTaste)];
        ClickGivenOpen = [.. o.Categories.Select(c => c.ClickGivenOpen ?? o.ClickGivenOpen)];
        CarryOver = [.. o.Categories.Select(c => c.CarryOver)];
        UniformConversion = o.Categories.All(c => c.ClickGivenOpen is null && c.CarryOver == 1);
        var total = o.Categories.Sum(c => c.Weight);
        CategoryShare = [.. o.Categories.Select(c => c.Weight / total)];
        CumulativeShare = new double[CategoryShare.Length];
        var running = 0.0;
        for (var c = 0; c < CategoryShare.Length; c++)
        {
            running += CategoryShare[c];
            CumulativeShare[c] = running;
        }

        CategoryIndex = CategoryNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        _titleIds = [.. CategoryNames.Select(_ => new string?[o.TitlesPerCategory])];
        FatigueDecayPerDay = Math.Log(2) / o.FatigueHalfLifeDays;
        ImpactDecayPerDay = Math.Log(2) / o.ImpactHalfLifeDays;
        RecoveryPerDay = 24 / o.AppealRecoveryHours;
        for (var k = o.MinCandidates; k <= o.MaxCandidates; k++)
        {
            InAppOfferChance += (1 - Math.Pow(1 - o.InAppCandidateShare, k)) / (o.MaxCandidates - o.MinCandidates + 1);
        }
    }

    public int Seed { get; }

    /// <summary>A private, validated copy.</summary>
    public WorldOptions Options { get; }

    public string[] CategoryNames { get; }

    public double[] MeanTaste { get; }

    /// <summary>Each category's share of opens that click through.</summary>
    public double[] ClickGivenOpen { get; }

    /// <summary>Each category's weight on the attention an open carries to later days.</summary>
    public double[] CarryOver { get; }

    /// <summary>Whether every category converts and carries over as the world's defaults say (the oracle's exact case).</summary>
    public bool UniformConversion { get; }

    /// <summary>Each category's share of candidates (sums to 1).</summary>
    public double[] CategoryShare { get; }

    public double[] CumulativeShare { get; }

    public Dictionary<string, int> CategoryIndex { get; }

    /// <summary>The id of title <paramref name="title"/> of category <paramref name="category"/>, e.g. "drama-0042".</summary>
    public string TitleId(int category, int title) =>
        _titleIds[category][title] ??= string.Create(CultureInfo.InvariantCulture, $"{CategoryNames[category]}-{title:D4}");

    /// <summary>The ids every member shares on <paramref name="day"/>.</summary>
    public DayIds IdsOn(DateOnly day)
    {
        var ids = Volatile.Read(ref _dayIds);
        if (ids.Day == day) return ids;
        var fresh = new DayIds(day);
        var seen = Interlocked.CompareExchange(ref _dayIds, fresh, ids);
        return seen == ids || seen.Day != day ? fresh : seen;
    }

    /// <summary>λ of fatigue, per day.</summary>
    public double FatigueDecayPerDay { get; }

    /// <summary>λ of message impact, per day.</summary>
    public double ImpactDecayPerDay { get; }

    /// <summary>1/τ of category appeal, per day.</summary>
    public double RecoveryPerDay { get; }

    /// <summary>The chance an app session offers at least one in-app candidate.</summary>
    public double InAppOfferChance { get; }

    public static double Days(DateTimeOffset time) => (time.UtcTicks - EpochTicks) / (double)TimeSpan.TicksPerDay;

    public static double Days(DateOnly day) => day.DayNumber - EpochDayNumber;

    public static DateTimeOffset Time(DateOnly day, double hours) =>
        new(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks + (long)Math.Round(hours * TimeSpan.TicksPerHour), TimeSpan.Zero);

    public static string Compact(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The send schedule of a week with the given frequencies, cached for the small ones.</summary>
    public OracleSchedule Schedule(int push, int email)
    {
        if (push >= CachedLevels || email >= CachedLevels) return new OracleSchedule(this, push, email);
        ref var slot = ref _schedules[(push * CachedLevels) + email];
        var schedule = Volatile.Read(ref slot);
        if (schedule is null)
        {
            // Two threads may both build it; either result is the same, so the race is harmless.
            schedule = new OracleSchedule(this, push, email);
            Volatile.Write(ref slot, schedule);
        }

        return schedule;
    }

    /// <summary>
    /// The grid's action indices ordered by total sends (then pushes): actions with the same total share the oracle's
    /// timeline, so runs of equal totals are evaluated together on vector lanes. Computed once per grid.
    /// </summary>
    public int[] LaneOrder(ActionGrid grid) => _laneOrders.GetValue(grid, static g =>
    {
        var order = new int[g.Count];
        var totals = new long[g.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            totals[i] = ((long)(g[i].Push + g[i].Email) << 32) + g[i].Push;
        }

        Array.Sort(totals, order);
        return order;
    });

    /// <summary>The day's title launches, a pure function of (seed, day); recent days are cached since every member asks.</summary>
    public TitleLaunch[] LaunchesOn(DateOnly day)
    {
        ref var slot = ref _launchCache[day.DayNumber % LaunchCacheSize];
        var cached = Volatile.Read(ref slot);
        if (cached is { Length: > 0 } && DateOnly.FromDateTime(cached[0].Time.UtcDateTime) == day)
        {
            return cached;
        }

        var launches = DrawLaunches(day);
        if (launches.Length > 0) Volatile.Write(ref slot, launches);
        return launches;
    }

    private TitleLaunch[] DrawLaunches(DateOnly day)
    {
        var random = new StreamRandom(StreamRandom.Key((ulong)(uint)Seed, StreamPurpose.Launch, (ulong)day.DayNumber));
        var count = random.NextPoisson(Options.LaunchesPerWeek / 7);
        if (count == 0) return [];
        var launches = new TitleLaunch[count];
        var compact = Compact(day);
        for (var k = 0; k < count; k++)
        {
            var hours = Options.SlotEarliestHour + (random.NextDouble() * (Options.SlotLatestHour + 1 - Options.SlotEarliestHour));
            var category = random.NextWeighted(CumulativeShare);
            launches[k] = new TitleLaunch(Time(day, hours), string.Create(CultureInfo.InvariantCulture, $"launch-{compact}-{k}"), CategoryNames[category], category);
        }

        Array.Sort(launches, (a, b) => a.Time.CompareTo(b.Time));
        return launches;
    }
}
