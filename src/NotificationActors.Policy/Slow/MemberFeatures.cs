namespace NotificationActors.Policy.Slow;

/// <summary>
/// What the slow policy knows of a member when it plans a week: built by the member grain from its own
/// history (engaged days, opens, dismissals, recent sends) and the imported features.
/// </summary>
public readonly record struct MemberFeatures
{
    /// <summary>Mean engaged days per week recently, in [0, 7]: the base activity the plan can lift.</summary>
    public double EngagedDaysPerWeek { get; init; }

    /// <summary>Weeks since the member joined.</summary>
    public double TenureWeeks { get; init; }

    /// <summary>Smoothed share of pushes opened, in [0, 1].</summary>
    public double PushOpenRate { get; init; }

    /// <summary>Smoothed share of emails opened, in [0, 1].</summary>
    public double EmailOpenRate { get; init; }

    /// <summary>Smoothed share of messages dismissed, in [0, 1]: the fatigue signal.</summary>
    public double DismissRate { get; init; }

    /// <summary>Pushes per week over recent weeks: the exposure fatigue builds on.</summary>
    public double RecentPushPerWeek { get; init; }

    /// <summary>Emails per week over recent weeks.</summary>
    public double RecentEmailPerWeek { get; init; }

    /// <summary>The name of the first field that is out of range, or null when all are valid.</summary>
    public string? FirstInvalidField()
    {
        if (!InRange(EngagedDaysPerWeek, 0, 7)) return nameof(EngagedDaysPerWeek);
        if (!InRange(TenureWeeks, 0, double.MaxValue)) return nameof(TenureWeeks);
        if (!InRange(PushOpenRate, 0, 1)) return nameof(PushOpenRate);
        if (!InRange(EmailOpenRate, 0, 1)) return nameof(EmailOpenRate);
        if (!InRange(DismissRate, 0, 1)) return nameof(DismissRate);
        if (!InRange(RecentPushPerWeek, 0, double.MaxValue)) return nameof(RecentPushPerWeek);
        if (!InRange(RecentEmailPerWeek, 0, double.MaxValue)) return nameof(RecentEmailPerWeek);
        return null;
    }

    /// <summary>The names the features go by in plans, the learning log and the API, in a fixed order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["engagedDaysPerWeek", "tenureWeeks", "pushOpenRate", "emailOpenRate", "dismissRate", "recentPushPerWeek", "recentEmailPerWeek"];

    /// <summary>The features as a map keyed by <see cref="Names"/>, as plans and the learning log store them.</summary>
    public Dictionary<string, double> Describe() => new(StringComparer.Ordinal)
    {
        [Names[0]] = EngagedDaysPerWeek,
        [Names[1]] = TenureWeeks,
        [Names[2]] = PushOpenRate,
        [Names[3]] = EmailOpenRate,
        [Names[4]] = DismissRate,
        [Names[5]] = RecentPushPerWeek,
        [Names[6]] = RecentEmailPerWeek,
    };

    /// <summary>Reads a map written by <see cref="Describe"/>; returns the first missing name, or null when all are there.</summary>
    public static string? TryRead(IReadOnlyDictionary<string, double> described, out MemberFeatures features)
    {
        ArgumentNullException.ThrowIfNull(described);
        features = default;
        Span<double> values = stackalloc double[7];
        for (var i = 0; i < values.Length; i++)
        {
            if (!described.TryGetValue(Names[i], out values[i]))
            {
                return Names[i];
            }
        }

        features = new MemberFeatures
        {
            EngagedDaysPerWeek = values[0], TenureWeeks = values[1], PushOpenRate = values[2], EmailOpenRate = values[3],
            DismissRate = values[4], RecentPushPerWeek = values[5], RecentEmailPerWeek = values[6],
        };
        return null;
    }

    private static bool InRange(double value, double min, double max) => value >= min && value <= max;
}
