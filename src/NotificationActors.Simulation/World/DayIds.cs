using System.Collections.Concurrent;
using System.Globalization;

namespace NotificationActors.Simulation.World;

/// <summary>
/// The ids a world's members share on one day. A candidate's, a feedback event's and an activity's id are unique within
/// a member, not across members, so every member's "20261207.d0.3" is the same text: one instance serves them all, where
/// a string per member-day was a tenth of an experiment's allocation, and the states that keep these ids point at a few
/// shared instances rather than at strings scattered over the heap. Safe for concurrent members; racing callers may
/// each make an instance, all equal. Bounded by the day's distinct ids (the world's opportunities times candidates).
/// </summary>
internal sealed class DayIds
{
    // Longest id formatted here: a day, a letter and two counters, or a message id and an outcome's name.
    private const int MaxFormatted = 128;

    private readonly ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public DayIds(DateOnly day)
    {
        Day = day;
        Compact = WorldModel.Compact(day);
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public DateOnly Day { get; }

    /// <summary>The day as yyyyMMdd, the prefix of its ids.</summary>
    public string Compact { get; }

    /// <summary>Candidate <paramref name="j"/> of the day's <paramref name="k"/>-th opportunity of a kind (<paramref name="letter"/>).</summary>
    public string Candidate(char letter, int k, int j)
    {
        Span<char> text = stackalloc char[MaxFormatted];
        return text.TryWrite(CultureInfo.InvariantCulture, $"{Compact}.{letter}{k}.{j}", out var length)
            ? Shared(text[..length])
            : throw new InvalidOperationException($"A candidate id of {Day} is longer than {MaxFormatted} characters.");
    }

    /// <summary>The day's <paramref name="k"/>-th activity of a kind (<paramref name="letter"/>: s for a session, p for a play).</summary>
    public string Activity(char letter, int k)
    {
        Span<char> text = stackalloc char[MaxFormatted];
        return text.TryWrite(CultureInfo.InvariantCulture, $"{Compact}.{letter}{k}", out var length)
            ? Shared(text[..length])
            : throw new InvalidOperationException($"An activity id of {Day} is longer than {MaxFormatted} characters.");
    }

    /// <summary>The feedback event <paramref name="outcome"/> (e.g. "opened") of <paramref name="messageId"/>.</summary>
    public string Feedback(string messageId, string outcome)
    {
        var length = messageId.Length + 1 + outcome.Length;
        if (length > MaxFormatted) return $"{messageId}.{outcome}";
        Span<char> text = stackalloc char[length];
        messageId.CopyTo(text);
        text[messageId.Length] = '.';
        outcome.CopyTo(text[(messageId.Length + 1)..]);
        return Shared(text);
    }

    private string Shared(ReadOnlySpan<char> id)
    {
        if (_lookup.TryGetValue(id, out var known)) return known;
        var made = new string(id);
        return _ids.GetOrAdd(made, made);
    }
}
