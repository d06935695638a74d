using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using NotificationActors.Silo.Apis;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>NDJSON lines come out whole and numbered however the body is cut into reads; an overlong one stops the reading.</summary>
public sealed class NdjsonLinesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task LinesAreWholeAndNumberedHoweverTheBodyArrives(int chunk)
    {
        var (overlong, lines) = await ReadAsync("\uFEFF{\"a\":1}\r\n\n  \n{\"b\":2}\n{\"c\":3}", 16, chunk);

        Assert.Null(overlong);
        Assert.Equal([(1, "{\"a\":1}\r"), (4, "{\"b\":2}"), (5, "{\"c\":3}")], lines);
    }

    [Theory]
    [InlineData(1, "{\"a\":1}\n0123456789abcdefX\n{\"c\":3}\n")]
    [InlineData(5, "{\"a\":1}\n0123456789abcdefX\n{\"c\":3}\n")]
    [InlineData(5, "{\"a\":1}\n0123456789abcdefXYZ")]
    public async Task ALineOverTheLimitStopsTheReadingNamingIt(int chunk, string body)
    {
        var (overlong, lines) = await ReadAsync(body, 16, chunk);

        Assert.Equal(2, overlong);
        Assert.Equal([(1, "{\"a\":1}")], lines);
    }

    [Fact]
    public async Task ALineOfExactlyTheLimitIsHandedOn()
    {
        var (overlong, lines) = await ReadAsync("0123456789abcdef\n", 16, 5);

        Assert.Null(overlong);
        Assert.Equal([(1, "0123456789abcdef")], lines);
    }

    private static async Task<(int? Overlong, List<(int, string)> Lines)> ReadAsync(string body, int maxLineBytes, int chunk)
    {
        var pipe = new Pipe();
        var bytes = Encoding.UTF8.GetBytes(body);
        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < bytes.Length; i += chunk)
            {
                if ((await pipe.Writer.WriteAsync(bytes.AsMemory(i, Math.Min(chunk, bytes.Length - i)))).IsCompleted) break;
            }

            await pipe.Writer.CompleteAsync();
        });
        var lines = new List<(int, string)>();

        var overlong = await NdjsonLines.ReadAsync(pipe.Reader, maxLineBytes, (number, line) =>
        {
            lines.Add((number, Encoding.UTF8.GetString(line.ToArray())));
            return ValueTask.CompletedTask;
        }, TestContext.Current);
        await pipe.Reader.CompleteAsync();
        await writing;
        return (overlong, lines);
    }
}
