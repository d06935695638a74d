using System.Net;
using System.Net.Sockets;

namespace NotificationActors.Storage.TestSuites;

/// <summary>Free loopback ports for test silos, so parallel test classes never collide.</summary>
public static class FreeTcpPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
