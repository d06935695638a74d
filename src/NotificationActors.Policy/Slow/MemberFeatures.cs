namespace NotificationActors.Policy.Slow;

/// <summary>
/// What the slow policy knows of a member when it plans a week: built by the member grain from its own
/// history (engaged days, opens, dismissals, recent sends, opt-outs) and the imported features. The member's
/// recent signals (<see cref="DismissRate"/>, <see cref="OpenRateTrend"/>, <see cref="RecentOptOut"/>,
/// <see cref="DaysSinceEngaged"/>) are features like the others, so the prior and every learned model plan with them.
/// </summary>
public readonly record struct MemberFeatures
{
    /// <summary>Most days since the last engagement a member is described with: beyond four weeks a member has lapsed either way.</summary>
    public const double MaxDaysSinceEngaged = 28;

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

    /// <summary>Smoothed share of in-app messages opened, in [0, 1].</summary>
    public double InAppOpenRate { get; init; }

    /// <summary>In-app messages per week over recent weeks: they tire a member too.</summary>
    public double RecentInAppPerWeek { get; init; }

    /// <summary>
    /// The last weeks' open rate over all channels minus the member's longer-run one, in [-1, 1]: negative when a
    /// member stops opening what they used to open, before the slower rates above move.
    /// </summary>
    public double OpenRateTrend { get; init; }

    /// <summary>1 in the week after the member opted out of or unsubscribed from any channel, fading by week, in [0, 1].</summary>
    public double RecentOptOut { get; init; }

    /// <summary>Days since the member was last active, in [0, <see cref="MaxDaysSinceEngaged"/>].</summary>
    public double DaysSinceEngaged { get; init; }

    /// <summary>
    /// Share of messages members like this one dismiss (their cohort's prior, the population's observed share while the
    /// priors are the built-in ones), in [0, 1): the usual their <see cref="DismissRate"/> is read against. 0 when unknown,
    /// read as <see cref="MemberSignals.ReferenceDismissRate"/>.
    /// </summary>
    public double UsualDismissRate { get; init; }

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
        if (!InRange(InAppOpenRate, 0, 1)) return nameof(InAppOpenRate);
        if (!InRange(RecentInAppPerWeek, 0, double.MaxValue)) return nameof(RecentInAppPerWeek);
        if (!InRange(OpenRateTrend, -1, 1)) return nameof(OpenRateTrend);
        if (!InRange(RecentOptOut, 0, 1)) return nameof(RecentOptOut);
        if (!InRange(DaysSinceEngaged, 0, MaxDaysSinceEngaged)) return nameof(DaysSinceEngaged);
        if (!(UsualDismissRate is >= 0 and < 1)) return nameof(UsualDismissRate);
        return null;
    }

    /// <summary>The name <see cref="UsualDismissRate"/> goes by: a description of the member's population, not of the member.</summary>
    public const string UsualDismissRateName = "usualDismissRate";

    /// <summary>The names the features go by in plans, the learning log and the API, in a fixed order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "engagedDaysPerWeek", "tenureWeeks", "pushOpenRate", "emailOpenRate", "dismissRate", "recentPushPerWeek", "recentEmailPerWeek",
        "inAppOpenRate", "recentInAppPerWeek", "openRateTrend", "recentOptOut", "daysSinceEngaged", UsualDismissRateName,
    ];

    // Records logged before the member's signals were features lack the last six: they read as a member with no
    // in-app history, a steady open rate, no opt-out, activity this week and the assumed usual dismissals (the neutral values).
    private const int RequiredNames = 7;

    /// <summary>The features as a map keyed by <see cref="Names"/>, as plans and the learning log store them.</summary>
    // Sized up front: every member's weekly plan makes one, and growing it from empty was most of a plan's allocation.
    public Dictionary<string, double> Describe() => new(Names.Count, StringComparer.Ordinal)
    {
        [Names[0]] = EngagedDaysPerWeek,
        [Names[1]] = TenureWeeks,
        [Names[2]] = PushOpenRate,
        [Names[3]] = EmailOpenRate,
        [Names[4]] = DismissRate,
        [Names[5]] = RecentPushPerWeek,
        [Names[6]] = RecentEmailPerWeek,
        [Names[7]] = InAppOpenRate,
        [Names[8]] = RecentInAppPerWeek,
        [Names[9]] = OpenRateTrend,
        [Names[10]] = RecentOptOut,
        [Names[11]] = DaysSinceEngaged,
        [Names[12]] = UsualDismissRate,
    };

    /// <summary>Reads a map written by <see cref="Describe"/>; returns the first missing name, or null when all are there.</summary>
    public static string? TryRead(IReadOnlyDictionary<string, double> described, out MemberFeatures features)
    {
        ArgumentNullException.ThrowIfNull(described);
        features = default;
        Span<double> values = stackalloc double[13];
        for (var i = 0; i < values.Length; i++)
        {
            if (!described.TryGetValue(Names[i], out values[i]) && i < RequiredNames)
            {
                return Names[i];
            }
        }

        features = new MemberFeatures
        {
            EngagedDaysPerWeek = values[0], TenureWeeks = values[1], PushOpenRate = values[2], EmailOpenRate = values[3],
            DismissRate = values[4], RecentPushPerWeek = values[5], RecentEmailPerWeek = values[6],
            InAppOpenRate = values[7], RecentInAppPerWeek = values[8], OpenRateTrend = values[9], RecentOptOut = values[10], DaysSinceEngaged = values[11],
            UsualDismissRate = values[12],
        };
        return null;
    }

    private static bool InRange(double value, double min, double max) => value >= min && value <= max;
}
