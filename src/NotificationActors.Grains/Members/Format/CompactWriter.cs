using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace NotificationActors.Grains.Members.Format;

/// <summary>
/// Appends primitives to a pooled buffer: variable-length integers, little-endian doubles, UTF-8 strings prefixed
/// with their byte length plus one (0 for null). <see cref="ToArray"/> or <see cref="CopyTo"/> copies the result out and returns the buffer to the pool.
/// </summary>
internal struct CompactWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public CompactWriter(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        _length = 0;
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

        // Most strings are ids far shorter than 42 characters, whose UTF-8 length plus one fits the one-byte prefix:
        // encode straight after the prefix's byte and fill it in, rather than measuring the string first.
        if (value.Length < 42)
        {
            Reserve(1 + (value.Length * 3));
            var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 1));
            _buffer[_length] = (byte)(written + 1);
            _length += 1 + written;
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        UInt((ulong)bytes + 1);
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
