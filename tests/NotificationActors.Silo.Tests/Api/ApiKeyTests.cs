using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>
/// The API key gate over HTTP: bearer keys on every route, browser sessions from the dashboard's login form on
/// /dashboard and the API explorer only, never a key in a URL, and never a key in a log line.
/// </summary>
public sealed class ApiKeyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Cookie = "na_dashboard";
    private static readonly SiloSettings Memory = new("http://127.0.0.1:0", StorageDeployments.Memory, 0, 0, SiloSettings.DefaultDataDirectory);

    public static TheoryData<string, HttpStatusCode> BearerKeys() => new()
    {
        { ApiFixture.Key, HttpStatusCode.OK },
        { "t", HttpStatusCode.Unauthorized },
        { ApiFixture.Key[..^1], HttpStatusCode.Unauthorized },
        { ApiFixture.Key + "x", HttpStatusCode.Unauthorized },
        { ApiFixture.Key.ToUpperInvariant(), HttpStatusCode.Unauthorized },
        { "x" + ApiFixture.Key[1..], HttpStatusCode.Unauthorized },
        { new string('k', 4096), HttpStatusCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(BearerKeys))]
    public async Task OnlyTheConfiguredKeyOpensTheApiWhateverThePresentedLength(string key, HttpStatusCode expected)
    {
        using var client = Client(api.BaseAddress);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var response = await client.GetAsync(new Uri("/v1/cluster", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task AKeyInTheLoginUrlIsRefusedWith400AndNoCookie(string method)
    {
        using var client = Client(api.BaseAddress);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri($"/dashboard/login?key={ApiFixture.Key}", UriKind.Relative))
        {
            Content = method == "POST" ? Form(ApiFixture.Key) : null,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("enter the key here", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/cluster")]
    [InlineData("/dashboard/notifications/snapshot")]
    [InlineData("/metrics")]
    public async Task AKeyInTheUrlOpensNothing(string path)
    {
        using var client = Client(api.BaseAddress);

        using var response = await client.GetAsync(new Uri($"{path}?key={ApiFixture.Key}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheLoginFormIsServedWithAPasswordInput()
    {
        using var client = Client(api.BaseAddress);

        using var response = await client.GetAsync(new Uri("/dashboard/login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("""<form method="post" action="/dashboard/login">""", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("""name="key" type="password" """, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFormLogsInWith303AndASessionCookieThatIsNotTheKey()
    {
        using var client = Client(api.BaseAddress);

        using var response = await client.PostAsync(new Uri("/dashboard/login", UriKind.Relative), Form(ApiFixture.Key));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/dashboard", response.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        var attributes = setCookie.Split(';', StringSplitOptions.TrimEntries);
        Assert.StartsWith(Cookie + "=", attributes[0], StringComparison.Ordinal);
        Assert.DoesNotContain(ApiFixture.Key, Uri.UnescapeDataString(attributes[0]), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        // Sent with every path, so the explorer at /scalar gets it too; the gate reads it on the browser pages only.
        Assert.Contains("path=/", attributes);
        // Secure only over HTTPS (SameAsRequest), and a browser-session cookie: no expiry of its own.
        Assert.DoesNotContain(attributes, a => a.Equals("secure", StringComparison.OrdinalIgnoreCase) || a.StartsWith("expires", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TheSessionCookieIsSecureWhenTheLoginCameOverHttps()
    {
        await using var app = SiloHost.Build(Memory with { ApiKeys = ["https-key"] }, configure: builder => builder.Services.AddSingleton<IStartupFilter, AsHttps>());
        await app.StartAsync(TestContext.Current);
        using var client = Client(new Uri(app.Urls.Single()));

        using var response = await client.PostAsync(new Uri("/dashboard/login", UriKind.Relative), Form("https-key"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains("secure", Assert.Single(response.Headers.GetValues("Set-Cookie")).Split(';', StringSplitOptions.TrimEntries));
        await app.StopAsync(TestContext.Current);
    }

    [Fact]
    public async Task AWrongKeyShowsTheFormAgainWith401AndNoCookie()
    {
        using var client = Client(api.BaseAddress);

        using var response = await client.PostAsync(new Uri("/dashboard/login", UriKind.Relative), Form("not-" + ApiFixture.Key));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("""type="password" """, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dashboard/", HttpStatusCode.OK)]
    [InlineData("/dashboard/notifications", HttpStatusCode.OK)]
    [InlineData("/dashboard/notifications/snapshot", HttpStatusCode.OK)]
    [InlineData("/scalar/", HttpStatusCode.OK)]
    [InlineData("/scalar/scalar.js", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("/v1/cluster", HttpStatusCode.Unauthorized)]
    [InlineData("/metrics", HttpStatusCode.Unauthorized)]
    public async Task ASessionOpensTheDashboardsAndTheExplorerOnly(string path, HttpStatusCode expected)
    {
        var session = await LogInAsync(api.BaseAddress, ApiFixture.Key);
        using var client = Client(api.BaseAddress);

        using var response = await client.SendAsync(WithSession(HttpMethod.Get, path, session));

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("/dashboard/notifications")]
    [InlineData("/scalar/")]
    public async Task WithoutASessionOrKeyABrowserPageIs401PointingAtTheLoginForm(string path)
    {
        using var client = Client(api.BaseAddress);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("/dashboard/login", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoggingOutClearsTheCookieAndReturnsToTheForm()
    {
        var session = await LogInAsync(api.BaseAddress, ApiFixture.Key);
        using var client = Client(api.BaseAddress);

        using var response = await client.SendAsync(WithSession(HttpMethod.Post, "/dashboard/logout", session));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/dashboard/login", response.Headers.Location?.OriginalString);
        var cleared = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(Cookie + "=;", cleared, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/")]
    [InlineData("/somewhere-new")]
    public async Task EveryOtherRouteNeedsTheBearerKey(string path)
    {
        using var without = Client(api.BaseAddress);
        using var with = Client(api.BaseAddress);
        with.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFixture.Key);

        using var refused = await without.GetAsync(new Uri(path, UriKind.Relative));
        using var answered = await with.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, answered.StatusCode);
        Assert.Equal(path == "/somewhere-new" ? HttpStatusCode.NotFound : HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task MetricsOpenApiAndTheExplorerArePublicWhenConfiguredSo()
    {
        await using var app = SiloHost.Build(Memory with { ApiKeys = ["public-scrape-key"] }, ["--NotificationActors:PublicMetrics=true", "--NotificationActors:PublicOpenApi=true"]);
        await app.StartAsync(TestContext.Current);
        using var client = Client(new Uri(app.Urls.Single()));

        using var metrics = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var openApi = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var explorer = await client.GetAsync(new Uri("/scalar/", UriKind.Relative));
        using var members = await client.GetAsync(new Uri("/v1/cluster", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Equal(HttpStatusCode.OK, explorer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, members.StatusCode);
        await app.StopAsync(TestContext.Current);
    }

    [Fact]
    public async Task ASessionEndsWhenItsKeyIsRemovedAndOutlivesARestartOtherwise()
    {
        var data = Path.Combine(Path.GetTempPath(), "na-keys-" + Guid.NewGuid().ToString("N"));
        var settings = Memory with { Storage = StorageDeployments.Sqlite, DataDirectory = data };
        try
        {
            string kept, removed;
            await using (var first = SiloHost.Build(settings with { ApiKeys = ["kept-key", "removed-key"] }))
            {
                await first.StartAsync(TestContext.Current);
                kept = await LogInAsync(new Uri(first.Urls.Single()), "kept-key");
                removed = await LogInAsync(new Uri(first.Urls.Single()), "removed-key");
                await first.StopAsync(TestContext.Current);
            }

            // The same data folder, so the same Data Protection key ring; one key fewer.
            await using var second = SiloHost.Build(settings with { ApiKeys = ["kept-key"] });
            await second.StartAsync(TestContext.Current);
            using var client = Client(new Uri(second.Urls.Single()));
            using var stillOpen = await client.SendAsync(WithSession(HttpMethod.Get, "/dashboard/notifications/snapshot", kept));
            using var ended = await client.SendAsync(WithSession(HttpMethod.Get, "/dashboard/notifications/snapshot", removed));

            Assert.Equal(HttpStatusCode.OK, stillOpen.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, ended.StatusCode);
            Assert.Contains(ended.Headers.GetValues("Set-Cookie"), c => c.StartsWith(Cookie + "=;", StringComparison.Ordinal));
            await second.StopAsync(TestContext.Current);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task ASessionEndsWhenItsKeyLeavesReloadedConfiguration()
    {
        await using var app = SiloHost.Build(Memory, configure: builder => builder.Configuration.AddInMemoryCollection(
            [new("NotificationActors:ApiKeys:0", "staying-key"), new("NotificationActors:ApiKeys:1", "leaving-key")]));
        await app.StartAsync(TestContext.Current);
        var address = new Uri(app.Urls.Single());
        var staying = await LogInAsync(address, "staying-key");
        var leaving = await LogInAsync(address, "leaving-key");
        using var client = Client(address);

        app.Configuration["NotificationActors:ApiKeys:1"] = "replacing-key";
        ((IConfigurationRoot)app.Configuration).Reload();
        using var stillOpen = await client.SendAsync(WithSession(HttpMethod.Get, "/dashboard/notifications/snapshot", staying));
        using var ended = await client.SendAsync(WithSession(HttpMethod.Get, "/dashboard/notifications/snapshot", leaving));

        Assert.Equal(HttpStatusCode.OK, stillOpen.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, ended.StatusCode);
        await app.StopAsync(TestContext.Current);
    }

    // Every category the defaults name at Trace, but hosting's request lines, which stay at Warning to keep keys out.
    private static readonly string[] EveryCategoryAtTrace =
        [.. new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "Orleans", "System", "NotificationActors" }.Select(c => $"--Logging:LogLevel:{c}=Trace")];

    [Fact]
    public async Task NoLogLineHoldsTheKey()
    {
        const string key = "log-probe-7c1f9a2e5b";
        var logs = new CapturedLogs();
        await using var app = SiloHost.Build(Memory with { ApiKeys = [key] }, EveryCategoryAtTrace, builder => builder.Logging.AddProvider(logs));
        await app.StartAsync(TestContext.Current);
        var address = new Uri(app.Urls.Single());
        using var client = Client(address);

        var session = await LogInAsync(address, key);
        using var dashboard = await client.SendAsync(WithSession(HttpMethod.Get, "/dashboard/notifications/snapshot", session));
        using var urlKey = await client.GetAsync(new Uri($"/dashboard/login?key={key}", UriKind.Relative));
        using var wrongForm = await client.PostAsync(new Uri("/dashboard/login", UriKind.Relative), Form(key + "-wrong"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var bearer = await client.PutAsync(new Uri("/v1/members/logged/features", UriKind.Relative), Json.Body("""{ "features": { "engagedDaysPerWeek": 2 } }"""));
        await app.StopAsync(TestContext.Current);

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, urlKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongForm.StatusCode);
        Assert.True(bearer.IsSuccessStatusCode, $"{bearer.StatusCode}");
        Assert.Contains(logs.Lines, line => line.Contains("A dashboard session began", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(key, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" padded-key")]
    public async Task ABlankOrPaddedKeyStopsTheSiloNamingTheSetting(string key)
    {
        // Kestrel's limits read the API options as the host is built, so the check may stop it there or at start.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = SiloHost.Build(Memory with { ApiKeys = [key] });
            await app.StartAsync(TestContext.Current);
        });

        Assert.Contains("NotificationActors:ApiKeys", error.Message, StringComparison.Ordinal);
    }

    // Redirects and cookies by hand, so each response is seen as the server sent it.
    private static HttpClient Client(Uri address) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };

    private static FormUrlEncodedContent Form(string key) => new([new KeyValuePair<string, string>("key", key)]);

    private static HttpRequestMessage WithSession(HttpMethod method, string path, string session)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", $"{Cookie}={session}");
        return request;
    }

    // The session cookie's value from a login through the form.
    private static async Task<string> LogInAsync(Uri address, string key)
    {
        using var client = Client(address);
        using var response = await client.PostAsync(new Uri("/dashboard/login", UriKind.Relative), Form(key));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single()[(Cookie.Length + 1)..].Split(';')[0];
    }
}
