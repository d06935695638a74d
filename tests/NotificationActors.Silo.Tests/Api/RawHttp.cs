using System.Net.Sockets;
using System.Text;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>
/// A TCP connection that sends exactly the bytes a test gives it (a request cut short, a body announced and never
/// sent) and reads what the silo answers until it closes the connection.
/// </summary>
internal sealed class RawHttp : IDisposable
{
    // Far above every timeout the tests configure: a silo that never answers fails the test instead of hanging it.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    public static async Task<RawHttp> ConnectAsync(Uri baseAddress)
    {
        var connection = new RawHttp();
        await connection._socket.ConnectAsync(baseAddress.Host, baseAddress.Port, TestContext.Current);
        return connection;
    }

    /// <summary>The head of a request with a body: its line and headers, the key and the declared length.</summary>
    public static string Head(string method, string path, string contentType, long contentLength) =>
        $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {ApiFixture.Key}\r\nContent-Type: {contentType}\r\nContent-Length: {contentLength}\r\n\r\n";

    public async Task SendAsync(string text) => await _socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, TestContext.Current);

    /// <summary>What the silo sends next: the whole of a short answer, such as <c>/healthz</c>'s.</summary>
    public async Task<string> ReadAsync()
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current);
        patience.CancelAfter(Patience);
        var buffer = new byte[4096];
        return Encoding.UTF8.GetString(buffer, 0, await _socket.ReceiveAsync(buffer, SocketFlags.None, patience.Token));
    }

    /// <summary>Everything the silo sends until it closes the connection (an empty string if it closes without a word).</summary>
    public async Task<string> ReadUntilClosedAsync()
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current);
        patience.CancelAfter(Patience);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            for (int read; (read = await _socket.ReceiveAsync(buffer, SocketFlags.None, patience.Token)) > 0;)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // A reset after the answer is a close too.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    public void Dispose() => _socket.Dispose();
}
