using System.Globalization;

namespace NotificationActors.Policy.Time;

/// <summary>
/// An ISO 8601 week in UTC, the unit a plan is sticky for ("2026-W48": Monday 00:00 UTC to the next Monday).
/// Weeks are UTC for every member so that week boundaries, reminders and the learning log agree across time zones.
/// </summary>
public readonly record struct IsoWeek(int Year, int Week) : IComparable<IsoWeek>
{
    /// <summary>The week that contains <paramref name="instant"/>.</summary>
    public static IsoWeek Containing(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new IsoWeek(ISOWeek.GetYear(utc), ISOWeek.GetWeekOfYear(utc));
    }

    /// <summary>Monday 00:00 UTC that starts the week.</summary>
    public DateTimeOffset Start => new(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday), TimeSpan.Zero);

    /// <summary>The instant the week ends (the next week's start).</summary>
    public DateTimeOffset End => Start.AddDays(7);

    /// <summary>The following week.</summary>
    public IsoWeek Next() => Containing(End);

    /// <summary>The preceding week.</summary>
    public IsoWeek Previous() => Containing(Start.AddDays(-1));

    /// <summary>The share of the week elapsed at <paramref name="instant"/>, clamped to [0, 1].</summary>
    public double FractionElapsed(DateTimeOffset instant) =>
        Math.Clamp((instant - Start).TotalHours / (7 * 24), 0, 1);

    /// <summary>Parses "yyyy-Www", e.g. "2026-W48".</summary>
    public static IsoWeek Parse(string text) =>
        TryParse(text, out var week) ? week : throw new FormatException($"'{text}' is not an ISO week such as 2026-W48.");

    /// <summary>Parses "yyyy-Www"; false when the text is not a week that exists.</summary>
    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        if (text is not { Length: 8 } || text[4] != '-' || text[5] != 'W'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year < 1 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        week = new IsoWeek(year, number);
        return true;
    }

    /// <summary>Whether <paramref name="text"/> is this week as "yyyy-Www" (<see cref="ToString"/>), without formatting it.</summary>
    public bool Is(string? text) => TryParse(text, out var week) && week == this;

    /// <inheritdoc />
    public int CompareTo(IsoWeek other) => Year != other.Year ? Year.CompareTo(other.Year) : Week.CompareTo(other.Week);

    /// <summary>"yyyy-Www".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");

    /// <summary>Orders weeks in time.</summary>
    public static bool operator <(IsoWeek left, IsoWeek right) => left.CompareTo(right) < 0;

    /// <summary>Orders weeks in time.</summary>
    public static bool operator >(IsoWeek left, IsoWeek right) => left.CompareTo(right) > 0;

    /// <summary>Orders weeks in time.</summary>
    public static bool operator <=(IsoWeek left, IsoWeek right) => left.CompareTo(right) <= 0;

    /// <summary>Orders weeks in time.</summary>
    public static bool operator >=(IsoWeek left, IsoWeek right) => left.CompareTo(right) >= 0;
}
