using System.Globalization;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// A weekly plan kept for every member all run: one of the schedules an experiment can run beside its four arms, as
/// arms of their own on the same hidden members, so the best of them (for everyone, and per true cohort) is a
/// yardstick in engaged days over the run, fatigue and opt-outs included (<see cref="ScheduleYardsticks"/>).
/// </summary>
/// <param name="Push">Pushes a week.</param>
/// <param name="Email">Emails a week.</param>
/// <param name="InApp">In-app messages a week at most.</param>
public sealed record FixedSchedule(int Push, int Email, int InApp)
{
    /// <summary>The most schedules one experiment runs: each is an arm with a copy of every member.</summary>
    public const int MaxSchedules = 64;

    /// <summary>The highest weekly frequency of a channel in a schedule.</summary>
    public const int MaxPerWeek = 14;

    /// <summary>The schedule's arm name, e.g. "schedule 2+1+2" (push + email + in-app).</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"schedule {Push}+{Email}+{InApp}");

    /// <summary>
    /// The schedules of a grid spec: "PxE" is every schedule of 0..P pushes and 0..E emails a week with
    /// <paramref name="inApp"/> in-app messages (the fixed arm's); "PxExI" also varies in-app messages over 0..I.
    /// </summary>
    /// <exception cref="ArgumentException">The spec is not of that form, a bound is out of range, or the grid has more than <see cref="MaxSchedules"/> schedules.</exception>
    public static IReadOnlyList<FixedSchedule> Grid(string spec, int inApp)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split('x');
        var bounds = new int[parts.Length];
        if (parts.Length is < 2 or > 3 || parts.Select((p, i) => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out bounds[i])).Any(ok => !ok))
        {
            throw new ArgumentException($"'{spec}' is not a schedule grid; give the highest weekly pushes and emails as PxE (e.g. 5x3), or PxExI to vary in-app messages too.");
        }

        if (bounds.Any(b => b > MaxPerWeek)) throw new ArgumentException($"'{spec}' asks for more than {MaxPerWeek} messages a week on a channel.");
        var inAppLevels = parts.Length == 3 ? Enumerable.Range(0, bounds[2] + 1) : [inApp];
        var schedules = (from p in Enumerable.Range(0, bounds[0] + 1) from e in Enumerable.Range(0, bounds[1] + 1) from i in inAppLevels select new FixedSchedule(p, e, i)).ToArray();
        if (schedules.Length > MaxSchedules) throw new ArgumentException($"'{spec}' is {schedules.Length} schedules; an experiment runs at most {MaxSchedules}, each an arm of its own.");
        return schedules;
    }
}
