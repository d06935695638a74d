namespace NotificationActors.Lab.Load.Learning;

/// <summary>What <c>load train</c> was asked for.</summary>
/// <param name="MemberWeeks">Member-weeks in the synthetic log (whole members of eight weeks each).</param>
/// <param name="Exploration">Share of weeks whose action is drawn at random.</param>
/// <param name="FromSqlite">Whether the log is first written to a SQLite store and read back from it.</param>
internal sealed record TrainingLoadSettings(int MemberWeeks, double Exploration, bool FromSqlite);
