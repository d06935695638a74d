using System.Text;
using Microsoft.Extensions.Primitives;
using NotificationActors.Silo.Security;

namespace NotificationActors.Silo.Dashboard;

/// <summary>
/// A link from the Orleans Dashboard to the notifications page. The dashboard (a package) offers no navigation
/// extension point (its options are trace, counter interval and history length), so its 2 KB index page gets the
/// link written after its sidebar's navigation on the way out. Should a later version drop that element, the page
/// passes through unchanged (and the browser test that follows the link fails).
/// </summary>
internal static class OrleansDashboardLink
{
    private const string Marker = "</nav>";

    private const string Link = """<a id="notifications-link" href="/dashboard/notifications" style="display:block;padding:.5rem 1.1rem;color:inherit;text-decoration:none"><i class="fa fa-bell"></i> Notifications</a>""";

    public static IApplicationBuilder UseOrleansDashboardLink(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path.Value is not (DashboardSession.Path + "/" or DashboardSession.Path + "/index.html"))
        {
            await next(context);
            return;
        }

        // The dashboard serves its page compressed when asked; 2 KB need no compression, and plain text takes the link.
        context.Request.Headers.AcceptEncoding = StringValues.Empty;
        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }

        var page = buffer.ToArray();
        var html = Encoding.UTF8.GetString(page);
        var at = html.IndexOf(Marker, StringComparison.Ordinal);
        if (context.Response.StatusCode == StatusCodes.Status200OK && at >= 0)
        {
            page = Encoding.UTF8.GetBytes(html.Insert(at + Marker.Length, Link));
        }

        // A 304 (the browser's copy is current) has no body to write.
        if (page.Length == 0) return;
        context.Response.ContentLength = page.Length;
        await body.WriteAsync(page, context.RequestAborted);
    });
}
