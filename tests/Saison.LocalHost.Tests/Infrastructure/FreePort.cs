using System.Net;
using System.Net.Sockets;

namespace Saison.LocalHost.Tests.Infrastructure;

/// <summary>A loopback port no one listens on right now.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
