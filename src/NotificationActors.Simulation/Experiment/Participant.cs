using NotificationActors.Abstractions.Members;
using NotificationActors.Simulation.World;

namespace NotificationActors.Simulation.Experiment;

/// <summary>One member grain of the experiment: its arms, the hidden member it stands for, and what the run tracks about it.</summary>
internal sealed class Participant(string memberId, int arm, string ranking, SimulatedMember truth, IMemberGrain grain)
{
    public string MemberId { get; } = memberId;

    public int Arm { get; } = arm;

    /// <summary>Its arm of the ranking layer (the cluster's own assignment, an independent hash of the id).</summary>
    public string Ranking { get; } = ranking;

    public SimulatedMember Truth { get; } = truth;

    public IMemberGrain Grain { get; } = grain;

    /// <summary>
    /// The current week's truth, from the hidden member's state when it started: its best plan, the prices that value
    /// what the arm sent when the week ends, and that state. Only this is kept through the week: a whole oracle (every
    /// plan's value, 7.7 KB) per member lived a week and, at 400,000 members, made up gigabytes of the heap every
    /// collection had to promote and later sweep.
    /// </summary>
    public (DateTimeOffset WeekStart, OracleWeek Truth)? Week { get; set; }

    /// <summary>Pushes, emails and in-app messages delivered before the current week, to count the week's own.</summary>
    public (int Push, int Email, int InApp) SentBeforeWeek { get; set; }

    /// <summary>The hidden member's expected engaged days before the current week, to count the week's own.</summary>
    public double ExpectedBeforeWeek { get; set; }

    /// <summary>A hierarchical member's weeks by the truth, which its trials' verdicts are measured from.</summary>
    public TrialHistory TrialHistory { get; } = new();

    /// <summary>Feedback on the member's deliveries not yet sent to the grain: it rides with the next call.</summary>
    public List<FeedbackEvent> PendingFeedback { get; } = [];

    /// <summary>Activity not yet sent to the grain: it rides with the next call.</summary>
    public List<ActivityEvent> PendingActivity { get; } = [];

    /// <summary>Whether the member has opted out of a channel during the run (counted once).</summary>
    public bool OptedOut { get; set; }
}
