using System.Buffers;
using System.IO.Pipelines;

namespace NotificationActors.Silo.Apis;

/// <summary>
/// Splits an NDJSON body into lines as it arrives, holding no more than one line and one read in memory: a line
/// longer than the limit ends the reading as soon as the limit is passed, without buffering the rest of it.
/// </summary>
internal static class NdjsonLines
{
    private static ReadOnlySpan<byte> Whitespace => " \t\r"u8;

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Hands each line's number (from 1) and bytes (without its <c>\n</c>) to <paramref name="line"/>, in order, each
    /// awaited before the next is read; blank lines are counted and skipped, and a UTF-8 byte order mark before the first
    /// is dropped. Returns the number of the first line longer than <paramref name="maxLineBytes"/> (not handed on: the
    /// reading ends there), or null once the body has ended.
    /// </summary>
    public static async Task<int?> ReadAsync(PipeReader body, int maxLineBytes, Func<int, ReadOnlySequence<byte>, ValueTask> line, CancellationToken cancellationToken)
    {
        var number = 0;
        var start = true;

        // How much of the unfinished line at the buffer's start has been searched for its end already.
        var scanned = 0L;
        while (true)
        {
            var result = await body.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (start && (buffer.Length >= ByteOrderMark.Length || result.IsCompleted))
            {
                if (StartsWithByteOrderMark(buffer)) buffer = buffer.Slice(ByteOrderMark.Length);
                start = false;
            }

            while (!start && buffer.Slice(scanned).PositionOf((byte)'\n') is { } end)
            {
                var text = buffer.Slice(0, end);
                number++;
                if (text.Length > maxLineBytes) return Stop(body, buffer, number);
                if (!IsBlank(text)) await line(number, text);
                buffer = buffer.Slice(buffer.GetPosition(1, end));
                scanned = 0;
            }

            if (buffer.Length > maxLineBytes) return Stop(body, buffer, number + 1);
            if (result.IsCompleted)
            {
                if (!IsBlank(buffer)) await line(number + 1, buffer);
                body.AdvanceTo(buffer.End);
                return null;
            }

            // Everything left is the start of a line: keep it, and wake only when more has arrived.
            if (!start) scanned = buffer.Length;
            body.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static int Stop(PipeReader body, ReadOnlySequence<byte> buffer, int overlong)
    {
        body.AdvanceTo(buffer.Start);
        return overlong;
    }

    private static bool StartsWithByteOrderMark(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < ByteOrderMark.Length) return false;
        Span<byte> head = stackalloc byte[ByteOrderMark.Length];
        buffer.Slice(0, head.Length).CopyTo(head);
        return head.SequenceEqual(ByteOrderMark);
    }

    private static bool IsBlank(ReadOnlySequence<byte> text)
    {
        foreach (var segment in text)
        {
            if (segment.Span.IndexOfAnyExcept(Whitespace) >= 0) return false;
        }

        return true;
    }
}
