using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace NotificationActors.Grains.Members.Format;

/// <summary>
/// Appends primitives to a pooled buffer: variable-length integers, little-endian doubles, UTF-8 strings prefixed
/// with their byte length plus one (0 for null). <see cref="ToArray"/> or <see cref="CopyTo"/> copies the result out and returns the buffer to the pool.
/// With shared strings, <see cref="SharedString"/> writes a value the payload already holds as a reference to it.
/// </summary>
internal struct CompactWriter : IDisposable
{
    /// <summary>Most distinct shared strings a payload names; later new ones are written in full each time.</summary>
    public const int SharedCapacity = 32;

    private byte[] _buffer;
    private int _length;
    private string[]? _shared;
    private int _sharedCount;

    public CompactWriter(int capacity, bool shareStrings = false)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        _length = 0;
        _shared = shareStrings ? ArrayPool<string>.Shared.Rent(SharedCapacity) : null;
        _sharedCount = 0;
    }

    public void Byte(byte value)
    {
        Reserve(1);
        _buffer[_length++] = value;
    }

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void UInt(ulong value)
    {
        Reserve(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[_length++] = (byte)value;
    }

    /// <summary>Zig-zag encoded, so small negative numbers stay short.</summary>
    public void Int(long value) => UInt((ulong)((value << 1) ^ (value >> 63)));

    public void Double(double value)
    {
        Reserve(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void String(string? value)
    {
        if (value is null)
        {
            UInt(0);
            return;
        }

        Utf8(value, 1);
    }

    /// <summary>
    /// A string the payload may repeat (a plan's week and arm, a decision's reason, a category): with shared strings,
    /// 0 for null, then 1 and its index among the payload's shared strings once written, else its byte length plus
    /// two and its bytes. Without, as <see cref="String"/>.
    /// </summary>
    public void SharedString(string? value)
    {
        if (_shared is null || value is null)
        {
            String(value);
            return;
        }

        // Most repeats are the same instance (a plan's week in each decision), so most matches cost one comparison.
        for (var i = 0; i < _sharedCount; i++)
        {
            var known = _shared[i];
            if (ReferenceEquals(known, value) || (known.Length == value.Length && string.Equals(known, value, StringComparison.Ordinal)))
            {
                UInt(1);
                UInt((ulong)i);
                return;
            }
        }

        if (_sharedCount < SharedCapacity) _shared[_sharedCount++] = value;
        Utf8(value, 2);
    }

    /// <summary>A string the reader requires: null is refused here, so no write leaves state that cannot be read back.</summary>
    public void RequiredSharedString(string? value, string field) =>
        SharedString(value ?? throw new InvalidOperationException($"Member state's {field} is null; the state was not written."));

    // The string's UTF-8 bytes, prefixed with their length plus the bias.
    private void Utf8(string value, int bias)
    {
        // Most strings are ids far shorter than 42 characters, whose UTF-8 length plus the bias fits the one-byte
        // prefix: encode straight after the prefix's byte and fill it in, rather than measuring the string first.
        if (value.Length < 42)
        {
            Reserve(1 + (value.Length * 3));
            var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 1));
            _buffer[_length] = (byte)(written + bias);
            _length += 1 + written;
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        UInt((ulong)(bytes + bias));
        Reserve(bytes);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    /// <summary>A string the reader requires: null is refused here, so no write leaves state that cannot be read back.</summary>
    public void RequiredString(string? value, string field) =>
        String(value ?? throw new InvalidOperationException($"Member state's {field} is null; the state was not written."));

    public void Time(DateTimeOffset value)
    {
        Int(value.UtcTicks);
        Int((long)value.Offset.TotalMinutes);
    }

    public void NullableDouble(double? value)
    {
        Bool(value.HasValue);
        if (value is { } v) Double(v);
    }

    public void NullableInt(int? value)
    {
        Bool(value.HasValue);
        if (value is { } v) Int(v);
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Length => _length;

    /// <summary>Shared strings named so far.</summary>
    public readonly int SharedCount => _sharedCount;

    /// <summary>The bytes written from <paramref name="start"/> on, valid until the next write.</summary>
    public readonly ReadOnlySpan<byte> Written(int start) => _buffer.AsSpan(start, _length - start);

    /// <summary>The shared strings named so far, in order, valid until the next write.</summary>
    public readonly ReadOnlySpan<string> Shared => _shared is null ? [] : _shared.AsSpan(0, _sharedCount);

    /// <summary>
    /// Appends bytes this writer's format wrote before (<see cref="Written"/>) and names the shared strings they
    /// named (<see cref="Shared"/>), so later writes refer to them as if written here. The bytes' references are
    /// indices from where they were first written: they must go at the same point of the shared strings.
    /// </summary>
    public void Replay(ReadOnlySpan<byte> bytes, ReadOnlySpan<string> shared, int sharedStart)
    {
        if (sharedStart != _sharedCount) throw new InvalidOperationException($"Replayed bytes name shared strings from {sharedStart}, but {_sharedCount} are named here.");
        Bytes(bytes);
        if (_shared is null || shared.IsEmpty) return;
        shared.CopyTo(_shared.AsSpan(_sharedCount));
        _sharedCount += shared.Length;
    }

    /// <summary>Appends bytes this writer's format wrote before that name no shared string.</summary>
    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public readonly byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public readonly void CopyTo(IBufferWriter<byte> output)
    {
        _buffer.AsSpan(0, _length).CopyTo(output.GetSpan(_length));
        output.Advance(_length);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        if (_shared is not null)
        {
            ArrayPool<string>.Shared.Return(_shared, clearArray: true);
            _shared = null;
        }
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes <= _buffer.Length) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
