namespace NotificationActors.Simulation.World;

/// <summary>
/// The oracle's timeline for one (push, email) frequency: the week's n = push + email sends spread evenly over its
/// days (send k at x = 7 (k + 1/2) / n: on day floor(x), at the matching point of the daytime band of the daily slots,
/// so sends land when opportunities do, not at night), pushes and emails interleaved evenly among them (one send per
/// opportunity, as the fast policy sends; separate grids per channel would collide for some pairs of frequencies and
/// make the value wiggle with their parity), the starts of the week's seven days and of the seven quiet days after it (the
/// carry-over), and each planned day's first and second app session (at the expected times of the earlier and later of
/// two sessions in the session band), where in-app messages show, in time order, each with the decay factors since the
/// previous event. Decay rates are the same
/// for every member, so the timeline and its exponentials are computed once per frequency and shared.
/// </summary>
internal sealed class OracleSchedule
{
    /// <summary>Days the oracle plays: the planned week and a quiet week after it.</summary>
    public const int Days = 14;

    /// <summary>Days of the planned week.</summary>
    public const int WeekDays = 7;

    /// <summary>Session events of the planned week: a first and a second session a day.</summary>
    public const int SessionSlots = 2 * WeekDays;

    public OracleSchedule(WorldModel model, int push, int email)
    {
        Push = push;
        Email = email;
        var times = new List<(double Time, ScheduleEventKind Kind, int Day)>(Days + (2 * WeekDays) + push + email);
        for (var d = 0; d < Days; d++) times.Add((d, ScheduleEventKind.DayStart, d));
        var sessionStart = model.Options.SessionEarliestHour / 24.0;
        var sessionBand = (model.Options.SessionLatestHour - model.Options.SessionEarliestHour) / 24.0;
        for (var d = 0; d < WeekDays; d++)
        {
            times.Add((d + sessionStart + (sessionBand / 3), ScheduleEventKind.FirstSession, 0));
            times.Add((d + sessionStart + (2 * sessionBand / 3), ScheduleEventKind.SecondSession, 0));
        }

        var bandStart = model.Options.SlotEarliestHour / 24.0;
        var bandLength = (model.Options.SlotLatestHour + 1 - model.Options.SlotEarliestHour) / 24.0;
        var sends = push + email;
        for (var k = 0; k < sends; k++)
        {
            // Bresenham: slot k is a push when the running share of pushes steps up, so each channel is spread evenly too.
            var isPush = ((long)(k + 1) * push / sends) > ((long)k * push / sends);
            times.Add((SendTime(k, sends), isPush ? ScheduleEventKind.Push : ScheduleEventKind.Email, 0));
        }

        // A day starts before a send at the same instant; a push goes before an email, and both before a session.
        times.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Kind.CompareTo(b.Kind));
        Events = new ScheduleEvent[times.Count];
        var previous = 0.0;
        var day = 0;
        for (var i = 0; i < times.Count; i++)
        {
            var (time, kind, d) = times[i];
            if (kind == ScheduleEventKind.DayStart) day = d;
            var dt = time - previous;
            Events[i] = new ScheduleEvent(kind, day, FastMath.Exp(-model.FatigueDecayPerDay * dt), FastMath.Exp(-model.ImpactDecayPerDay * dt), FastMath.Exp(-model.RecoveryPerDay * dt));
            previous = time;
        }

        double SendTime(int k, int n)
        {
            var x = WeekDays * (k + 0.5) / n;
            var day = Math.Floor(x);
            return day + bandStart + ((x - day) * bandLength);
        }
    }

    public int Push { get; }

    public int Email { get; }

    public ScheduleEvent[] Events { get; }
}

/// <summary>What happens at a point of an <see cref="OracleSchedule"/>.</summary>
internal enum ScheduleEventKind : byte
{
    DayStart = 0,
    Push = 1,
    Email = 2,
    FirstSession = 3,
    SecondSession = 4,
}

/// <summary>One point of an <see cref="OracleSchedule"/> with the decay of each state since the previous point.</summary>
internal readonly record struct ScheduleEvent(ScheduleEventKind Kind, int Day, double FatigueDecay, double ImpactDecay, double RecoveryDecay);
