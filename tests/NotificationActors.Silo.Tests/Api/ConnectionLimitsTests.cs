using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>The connection limits' defaults reach Kestrel, and a bad one stops the silo naming it.</summary>
public sealed class ConnectionLimitsTests
{
    private static readonly SiloSettings Settings = new("http://127.0.0.1:0", StorageDeployments.Memory, 0, 0, SiloSettings.DefaultDataDirectory);

    [Fact]
    public async Task KestrelGetsTheDefaultLimits()
    {
        await using var app = SiloHost.Build(Settings);

        var limits = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(
            (10_000L, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 240.0, TimeSpan.FromSeconds(5), 1024L * 1024),
            (limits.MaxConcurrentConnections, limits.KeepAliveTimeout, limits.RequestHeadersTimeout, limits.MinRequestBodyDataRate?.BytesPerSecond, limits.MinRequestBodyDataRate?.GracePeriod, limits.MaxRequestBodySize));
    }

    [Theory]
    [InlineData("Connections:MinRequestBodyGracePeriod", "00:00:01", "NotificationActors:Connections: MinRequestBodyGracePeriod")]
    [InlineData("Connections:MaxConcurrentConnections", "0", "NotificationActors:Connections: MaxConcurrentConnections")]
    [InlineData("Connections:KeepAliveTimeout", "-00:00:01", "NotificationActors:Connections: KeepAliveTimeout")]
    [InlineData("MaxBodyBytes", "0", "NotificationActors: MaxBodyBytes")]
    public void ABadLimitStopsTheSiloNamingIt(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloHost.Build(Settings, [$"--NotificationActors:{key}={value}"]));

        Assert.StartsWith(named, error.Message, StringComparison.Ordinal);
    }
}
