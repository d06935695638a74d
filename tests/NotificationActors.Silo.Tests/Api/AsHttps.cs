using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>Marks every request HTTPS before the app sees it, as a TLS-terminating proxy's forwarded headers would.</summary>
internal sealed class AsHttps : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            context.Request.Scheme = "https";
            return following(context);
        });
        next(app);
    };
}
