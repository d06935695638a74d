namespace NotificationActors.Policy.Slow;

/// <summary>
/// What a member with no history is assumed to be like, per cohort of viewing activity (the platform's
/// imported engaged days per week): the cold-start features a plan starts from before the member's own
/// opens, dismissals and engagement take over. Learned from the log by <c>train</c>; the defaults are
/// conservative population averages.
/// </summary>
public sealed record PopulationPriors
{
    /// <summary>Engaged days per week assumed when nothing at all is known.</summary>
    public const double DefaultEngagedDays = 2.5;

    /// <summary>The cohorts, by increasing activity; a member falls in the first whose upper bound exceeds its activity.</summary>
    public required IReadOnlyList<CohortPrior> Cohorts { get; init; }

    /// <summary>The priors before any training: one cohort with population averages.</summary>
    public static PopulationPriors Default { get; } = new()
    {
        Cohorts = [new CohortPrior { Cohort = "everyone", EngagedDaysBelow = double.PositiveInfinity, EngagedDaysPerWeek = DefaultEngagedDays, PushOpenRate = 0.08, EmailOpenRate = 0.15, DismissRate = 0.1 }],
        DismissRateAssumed = true,
    };

    /// <summary>
    /// Whether the cohorts' <see cref="CohortPrior.DismissRate"/> is the built-in assumption rather than a share members were
    /// seen to dismiss: then it is no measure of the usual a member's own dismissals are read against.
    /// </summary>
    public bool DismissRateAssumed { get; init; }

    /// <summary>
    /// These priors with the open and dismiss rates members were seen to have in place of the assumed ones, for the
    /// built-in priors only: trained priors already hold the log's rates per cohort. A rate not yet seen keeps the assumed one.
    /// </summary>
    public PopulationPriors WithObservedRates(double? push, double? email, double? dismiss)
    {
        if (!ReferenceEquals(this, Default) || (push is null && email is null && dismiss is null)) return this;
        return new PopulationPriors
        {
            DismissRateAssumed = dismiss is null,
            Cohorts =
            [
                .. Cohorts.Select(c => c with
                {
                    PushOpenRate = push ?? c.PushOpenRate, EmailOpenRate = email ?? c.EmailOpenRate, DismissRate = dismiss ?? c.DismissRate,
                }),
            ],
        };
    }

    /// <summary>The prior of a member whose imported activity is <paramref name="engagedDaysPerWeek"/> (null: unknown).</summary>
    public CohortPrior For(double? engagedDaysPerWeek)
    {
        if (engagedDaysPerWeek is not { } days)
        {
            return Cohorts.Count == 1 ? Cohorts[0] : Cohorts.FirstOrDefault(c => c.EngagedDaysBelow > DefaultEngagedDays) ?? Cohorts[^1];
        }

        return Cohorts.FirstOrDefault(c => days < c.EngagedDaysBelow) ?? Cohorts[^1];
    }
}

/// <summary>One cohort's cold-start features.</summary>
public sealed record CohortPrior
{
    /// <summary>Its name, e.g. casual.</summary>
    public required string Cohort { get; init; }

    /// <summary>Members below this many engaged days per week belong here (if not to an earlier cohort).</summary>
    public required double EngagedDaysBelow { get; init; }

    /// <summary>Typical engaged days per week.</summary>
    public required double EngagedDaysPerWeek { get; init; }

    /// <summary>Typical share of pushes opened.</summary>
    public required double PushOpenRate { get; init; }

    /// <summary>Typical share of emails opened.</summary>
    public required double EmailOpenRate { get; init; }

    /// <summary>Typical share of messages dismissed: a member's dismissals start there, and only those beyond it lower their receptiveness.</summary>
    public required double DismissRate { get; init; }
}
