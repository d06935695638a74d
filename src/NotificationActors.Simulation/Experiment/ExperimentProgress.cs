namespace NotificationActors.Simulation.Experiment;

/// <summary>Where a running experiment is: the stage, and member-days done of all.</summary>
public readonly record struct ExperimentProgress(string Stage, long MemberDaysDone, long MemberDays);
