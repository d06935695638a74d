using NotificationActors.Policy.Actions;
using NotificationActors.Simulation.Population;

namespace NotificationActors.Simulation.World;

/// <summary>A member's hidden, fixed traits: the ground truth the policies never see.</summary>
public sealed record MemberTraits
{
    /// <summary>Viewing cohort.</summary>
    public required Cohort Cohort { get; init; }

    /// <summary>Probability of being active on a day without messages or fatigue.</summary>
    public required double BaseActivity { get; init; }

    /// <summary>Open probability of a perfectly liked, rested, unfatigued push.</summary>
    public required double PushResponsiveness { get; init; }

    /// <summary>Open probability of a perfectly liked, rested, unfatigued email.</summary>
    public required double EmailResponsiveness { get; init; }

    /// <summary>Open probability of a perfectly liked, rested, unfatigued in-app message (shown only in an app session).</summary>
    public required double InAppResponsiveness { get; init; }

    /// <summary>Taste for each catalogue category, in (0, 1), indexed as <see cref="SimulatedWorld.Categories"/>.</summary>
    public required IReadOnlyList<double> Taste { get; init; }

    /// <summary>Share of idle days that messages win back at saturation.</summary>
    public required double UpliftCeiling { get; init; }

    /// <summary>Multiplier of fatigue's penalty, drag and opt-out hazard (median 1); above 2 is fatigue-prone.</summary>
    public required double FatigueSensitivity { get; init; }

    /// <summary>UTC hour of the member's daily slot.</summary>
    public required int SlotHour { get; init; }

    /// <summary>Channels accepted at the start (in-app always).</summary>
    public required ChannelSet InitiallyOptedIn { get; init; }

    /// <summary>Pushes a week before the experiment: the starting fatigue is its steady state.</summary>
    public required double HistoryPushPerWeek { get; init; }

    /// <summary>Emails a week before the experiment.</summary>
    public required double HistoryEmailPerWeek { get; init; }

    /// <summary>Weeks since the member joined, at the start.</summary>
    public required double TenureWeeks { get; init; }
}
