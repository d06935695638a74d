using System.Net;

namespace NotificationActors.Silo.Dashboard;

/// <summary>The dashboard's login form: one self-contained document (inline CSS, no script, no CDN).</summary>
internal static class LoginPage
{
    // No script and no outside resource; the form posts only to this silo; no site may frame the page.
    private const string Policy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private const string Template = """
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>NotificationActors · log in</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7fb; }
  form { max-width: 340px; margin: 12vh auto; background: white; border-radius: 8px; padding: 20px; box-shadow: 0 1px 3px #0002; }
  h1 { font-size: 18px; margin: 0 0 12px; } label { display: block; margin-bottom: 6px; color: #445; }
  input { box-sizing: border-box; width: 100%; padding: 8px; font: inherit; border: 1px solid #c5c9d6; border-radius: 4px; }
  button { margin-top: 12px; padding: 8px 16px; font: inherit; color: white; background: #4c6ef5; border: 0; border-radius: 4px; }
  .message { color: #c92a2a; margin: 0 0 12px; }
</style>
</head>
<body>
<form method="post" action="/dashboard/login">
  <h1>NotificationActors dashboard</h1>
  {message}
  <label for="key">API key</label>
  <input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
  <button type="submit">Log in</button>
</form>
</body>
</html>
""";

    /// <summary>The form with <paramref name="message"/> above it, answered with <paramref name="statusCode"/>.</summary>
    public static IResult Result(HttpResponse response, int statusCode, string? message = null)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentSecurityPolicy = Policy;
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        var html = Template.Replace("{message}", message is null ? "" : $"""<p class="message" role="alert">{WebUtility.HtmlEncode(message)}</p>""", StringComparison.Ordinal);
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }
}
