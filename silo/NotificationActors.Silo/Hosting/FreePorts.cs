using System.Net;
using System.Net.Sockets;

namespace NotificationActors.Silo.Hosting;

/// <summary>Resolves port 0 ("pick a free one") for Orleans endpoints, which need a concrete port up front.</summary>
internal static class FreePorts
{
    public static int Resolve(int port)
    {
        if (port != 0)
        {
            return port;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
