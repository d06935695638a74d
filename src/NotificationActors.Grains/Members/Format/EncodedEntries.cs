namespace NotificationActors.Grains.Members.Format;

/// <summary>
/// The stored form of a list whose entries name no shared string (from layout 0xA6, the sent messages and the recent
/// event ids), kept with the state by <see cref="MemberStateFormat"/>. Once the decisions were copied, encoding these
/// lists' strings afresh was the largest part of a write: at 100,000 members each string is a cache miss. The lists
/// grow at the end and lose entries at the front; an entry is immutable and its bytes depend only on it, so the longest
/// run of the same instances, from wherever the list's first entry stands in the kept one, is copied. Memory: about
/// the lists' stored size per member.
/// </summary>
internal sealed class EncodedEntries<T> where T : class
{
    private byte _layout;
    private T?[] _entries = [];
    private int[] _ends = [];
    private int _count;

    // Entries noted since the last Keep, after _count: a write that failed midway leaves them uncounted.
    private int _pending;
    private byte[] _bytes = [];

    /// <summary>Entries whose bytes are kept.</summary>
    public int Count => _count;

    /// <summary>
    /// Copies the kept bytes of the longest run of <paramref name="entries"/> from the start that this holds and forgets
    /// the rest (the entries before the run too); returns how many entries were copied.
    /// </summary>
    public int Replay(ref CompactWriter writer, List<T> entries, byte layout)
    {
        _pending = 0;
        var first = layout == _layout && entries.Count > 0 ? IndexOf(entries[0]) : -1;
        if (first < 0)
        {
            _layout = layout;
            Array.Clear(_entries);
            _count = 0;
            return 0;
        }

        var reused = 1;
        var limit = Math.Min(_count - first, entries.Count);
        while (reused < limit && ReferenceEquals(_entries[first + reused], entries[reused])) reused++;
        if (first > 0) DropFront(first, reused);
        Array.Clear(_entries, reused, _entries.Length - reused);
        _count = reused;
        writer.Bytes(_bytes.AsSpan(0, _ends[reused - 1]));
        return reused;
    }

    /// <summary>Notes where the next entry's bytes end, as the writer just wrote them.</summary>
    public void Append(T entry, int bytesEnd)
    {
        var next = _count + _pending;
        if (next == _entries.Length)
        {
            var capacity = Math.Max(8, next * 2);
            Array.Resize(ref _entries, capacity);
            Array.Resize(ref _ends, capacity);
        }

        _entries[next] = entry;
        _ends[next] = bytesEnd;
        _pending++;
    }

    /// <summary>Keeps the bytes of the entries appended since the replay, which start at the writer's <paramref name="bytesStart"/>.</summary>
    public void Keep(in CompactWriter writer, int bytesStart)
    {
        var kept = _count == 0 ? 0 : _ends[_count - 1];
        for (var i = _count; i < _count + _pending; i++) _ends[i] += kept - bytesStart;
        var bytes = writer.Written(bytesStart);
        if (kept + bytes.Length > _bytes.Length) Array.Resize(ref _bytes, (kept + bytes.Length) * 3 / 2);
        bytes.CopyTo(_bytes.AsSpan(kept));
        _count += _pending;
        _pending = 0;
    }

    // By reference: an entry's own equality would read every field of an object that is most likely not in the cache.
    private int IndexOf(T entry)
    {
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_entries[i], entry)) return i;
        }

        return -1;
    }

    // The entries from first on move to the front, first's bytes to offset 0.
    private void DropFront(int first, int count)
    {
        var start = _ends[first - 1];
        Array.Copy(_entries, first, _entries, 0, count);
        for (var i = 0; i < count; i++) _ends[i] = _ends[first + i] - start;
        _bytes.AsSpan(start, _ends[count - 1]).CopyTo(_bytes);
    }
}
