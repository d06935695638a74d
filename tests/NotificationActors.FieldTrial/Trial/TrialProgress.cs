namespace NotificationActors.FieldTrial.Trial;

/// <summary>Where a trial is: a stage to show, and member-days done out of all of them (every seed and policy).</summary>
internal sealed record TrialProgress(string Stage, long MemberDaysDone, long MemberDays);
