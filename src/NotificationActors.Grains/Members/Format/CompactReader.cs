using System.Buffers.Binary;
using System.Text;

namespace NotificationActors.Grains.Members.Format;

/// <summary>Reads what <see cref="CompactWriter"/> wrote; a payload that ends early or overflows is malformed.</summary>
internal ref struct CompactReader(ReadOnlySpan<byte> payload)
{
    private readonly ReadOnlySpan<byte> _payload = payload;
    private int _position;
    private string[]? _shared;
    private int _sharedCount;

    /// <summary>From here on, <see cref="SharedString"/> reads strings as a writer with shared strings wrote them.</summary>
    public void ShareStrings() => _shared ??= new string[CompactWriter.SharedCapacity];

    public readonly bool AtEnd => _position == _payload.Length;

    public readonly int Remaining => _payload.Length - _position;

    public byte Byte() => _position < _payload.Length ? _payload[_position++] : throw Truncated();

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var b => throw new InvalidDataException($"Member state is malformed: {b} is not a boolean at byte {_position - 1}."),
    };

    public ulong UInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();

            // The tenth byte holds only the 64th bit.
            if (shift == 63 && b > 1) break;
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }

        throw new InvalidDataException($"Member state is malformed: a variable-length integer overflows at byte {_position}.");
    }

    /// <summary>A zig-zag encoded integer (<see cref="CompactWriter.Int"/>).</summary>
    public long Int()
    {
        var raw = UInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int Int32() => checked((int)Int());

    /// <summary>A count of items that follow, each at least one byte: a count beyond the bytes left is malformed.</summary>
    public int Count()
    {
        var count = UInt();
        return count <= (ulong)Remaining
            ? (int)count
            : throw new InvalidDataException($"Member state is malformed: {count} items announced with {Remaining} bytes left.");
    }

    public double Double()
    {
        if (_payload.Length - _position < 8) throw Truncated();
        var value = BinaryPrimitives.ReadDoubleLittleEndian(_payload[_position..]);
        _position += 8;
        return value;
    }

    public string? String()
    {
        var prefix = UInt();
        return prefix == 0 ? null : Utf8(prefix - 1);
    }

    public string RequiredString() => String() ?? throw Missing();

    /// <summary>A string <see cref="CompactWriter.SharedString"/> wrote: a repeat is the instance read first.</summary>
    public string? SharedString()
    {
        if (_shared is null) return String();
        var prefix = UInt();
        if (prefix == 0) return null;
        if (prefix == 1)
        {
            var index = UInt();
            return index < (ulong)_sharedCount
                ? _shared[index]
                : throw new InvalidDataException($"Member state is malformed: shared string {index} named before byte {_position}, with {_sharedCount} read.");
        }

        var value = Utf8(prefix - 2);
        if (_sharedCount < _shared.Length) _shared[_sharedCount++] = value;
        return value;
    }

    public string RequiredSharedString() => SharedString() ?? throw Missing();

    private string Utf8(ulong bytes)
    {
        if (bytes > (ulong)(_payload.Length - _position)) throw Truncated();
        var value = Encoding.UTF8.GetString(_payload.Slice(_position, (int)bytes));
        _position += (int)bytes;
        return value;
    }

    public DateTimeOffset Time()
    {
        var ticks = Int();
        var offset = TimeSpan.FromMinutes(Int());
        return new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offset);
    }

    public double? NullableDouble() => Bool() ? Double() : null;

    public int? NullableInt() => Bool() ? Int32() : null;

    private readonly InvalidDataException Missing() => new($"Member state is malformed: a required string is missing before byte {_position}.");

    private readonly InvalidDataException Truncated() => new($"Member state is malformed: it ends early at byte {_position} of {_payload.Length}.");
}
