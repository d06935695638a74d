using NotificationActors.Abstractions.Members;

namespace NotificationActors.Grains.Members.Format;

/// <summary>
/// The stored form of a list of decisions (the week's, or the replay tail), kept with the state by
/// <see cref="MemberStateFormat"/>. Every call rewrote every decision of the week, half of a write's time, while a
/// call only appends a few (an engaged send is replaced by a copy) and the replay tail changes once a week. A decision
/// is immutable and its bytes depend only on it and on the shared strings the payload named before the list, so the
/// bytes of the longest run of the same instances from the start are copied while those shared strings are the same
/// instances; the rest is written and kept. Memory: about the list's stored size per member.
/// </summary>
internal sealed class EncodedDecisions
{
    private byte _layout;
    private string[] _sharedBefore = [];
    private int _sharedBeforeCount;
    private DecisionRecord[] _items = [];
    private int[] _ends = [];
    private int[] _sharedEnds = [];
    private int _count;

    // Decisions noted since the last Keep, after _count: a write that failed midway leaves them uncounted.
    private int _pending;
    private byte[] _bytes = [];
    private string[] _shared = [];

    /// <summary>Decisions whose bytes are kept, from the start of the list.</summary>
    public int Count => _count;

    /// <summary>
    /// Copies the kept bytes of the longest run of <paramref name="decisions"/> from the start that this holds, if the
    /// writer named the same shared strings before the list as when they were written, and forgets the rest; returns
    /// how many decisions were copied.
    /// </summary>
    public int Replay(ref CompactWriter writer, List<DecisionRecord> decisions, byte layout)
    {
        _pending = 0;
        if (!SameStart(in writer, layout))
        {
            _layout = layout;
            var named = writer.Shared;
            if (named.Length > _sharedBefore.Length) _sharedBefore = new string[CompactWriter.SharedCapacity];
            Array.Clear(_sharedBefore);
            named.CopyTo(_sharedBefore);
            _sharedBeforeCount = named.Length;
            Array.Clear(_items);
            _count = 0;
            return 0;
        }

        var reused = 0;
        var limit = Math.Min(_count, decisions.Count);
        while (reused < limit && ReferenceEquals(_items[reused], decisions[reused])) reused++;
        Array.Clear(_items, reused, _items.Length - reused);
        _count = reused;
        if (reused > 0) writer.Replay(_bytes.AsSpan(0, _ends[reused - 1]), _shared.AsSpan(0, _sharedEnds[reused - 1]), _sharedBeforeCount);
        return reused;
    }

    /// <summary>Notes where the next decision's bytes and shared strings end, as the writer just wrote them.</summary>
    public void Append(DecisionRecord decision, int bytesEnd, int sharedEnd)
    {
        var next = _count + _pending;
        if (next == _items.Length)
        {
            var capacity = Math.Max(8, next * 2);
            Array.Resize(ref _items, capacity);
            Array.Resize(ref _ends, capacity);
            Array.Resize(ref _sharedEnds, capacity);
        }

        _items[next] = decision;
        _ends[next] = bytesEnd;
        _sharedEnds[next] = sharedEnd;
        _pending++;
    }

    /// <summary>
    /// Keeps the bytes and shared strings the decisions appended since the replay were written as, which start at the
    /// writer's <paramref name="bytesStart"/> and <paramref name="sharedStart"/>.
    /// </summary>
    public void Keep(in CompactWriter writer, int bytesStart, int sharedStart)
    {
        var (keptBytes, keptShared) = _count == 0 ? (0, 0) : (_ends[_count - 1], _sharedEnds[_count - 1]);
        for (var i = _count; i < _count + _pending; i++)
        {
            _ends[i] += keptBytes - bytesStart;
            _sharedEnds[i] += keptShared - sharedStart;
        }

        var bytes = writer.Written(bytesStart);
        var shared = writer.Shared[sharedStart..];
        if (keptBytes + bytes.Length > _bytes.Length) Array.Resize(ref _bytes, (keptBytes + bytes.Length) * 3 / 2);
        if (keptShared + shared.Length > _shared.Length) Array.Resize(ref _shared, CompactWriter.SharedCapacity);
        bytes.CopyTo(_bytes.AsSpan(keptBytes));
        shared.CopyTo(_shared.AsSpan(keptShared));
        _count += _pending;
        _pending = 0;
    }

    private bool SameStart(in CompactWriter writer, byte layout)
    {
        if (layout != _layout) return false;
        var named = writer.Shared;
        if (named.Length != _sharedBeforeCount) return false;
        for (var i = 0; i < named.Length; i++)
        {
            if (!ReferenceEquals(named[i], _sharedBefore[i])) return false;
        }

        return true;
    }
}
