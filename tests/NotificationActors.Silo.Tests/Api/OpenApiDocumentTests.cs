using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using NotificationActors.Silo.Hosting;
using NotificationActors.Silo.OpenApi;
using static NotificationActors.Silo.Tests.Api.Json;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>
/// <c>/openapi/v1.json</c> as a client generator or the explorer reads it: the product's routes only, the API key as
/// the bearer scheme, and enums by the names the API takes.
/// </summary>
public sealed class OpenApiDocumentTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task TheDocumentHoldsTheProductsRoutesOnly()
    {
        var paths = (await DocumentAsync(api.Client))["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.All(paths, path => Assert.StartsWith("/v1/", path, StringComparison.Ordinal));
        Assert.Contains("/v1/members/{memberId}/opportunities", paths);
        Assert.Contains("/v1/activity:import", paths);
        Assert.Contains("/v1/cluster", paths);
    }

    [Fact]
    public async Task TheApiKeyIsTheBearerSchemeEveryOperationRequires()
    {
        var document = await DocumentAsync(api.Client);

        var scheme = document["components"]!["securitySchemes"]![BearerKeyTransformer.Scheme]!;
        Assert.Equal(("http", "bearer"), (scheme["type"]!.GetValue<string>(), scheme["scheme"]!.GetValue<string>()));
        Assert.All(Operations(document), operation =>
        {
            Assert.Contains(operation["security"]!.AsArray(), requirement => requirement!.AsObject().ContainsKey(BearerKeyTransformer.Scheme));
            Assert.True(operation["responses"]!.AsObject().ContainsKey("401"));
        });
    }

    [Fact]
    public async Task WithoutKeysTheSchemeIsDeclaredButNoOperationRequiresIt()
    {
        await using var app = SiloHost.Build(new SiloSettings("http://127.0.0.1:0", StorageDeployments.Memory, 0, 0, SiloSettings.DefaultDataDirectory));
        await app.StartAsync(TestContext.Current);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var document = await DocumentAsync(client);

        Assert.NotNull(document["components"]!["securitySchemes"]![BearerKeyTransformer.Scheme]);
        Assert.All(Operations(document), operation => Assert.Null(operation["security"]));
        await app.StopAsync(TestContext.Current);
    }

    [Theory]
    [InlineData("MessageChannel", new[] { "push", "email", "inapp" })]
    [InlineData("OpportunityType", new[] { "daily", "launch", "session" })]
    [InlineData("MessagePriorityLevel", new[] { "normal", "transactional" })]
    [InlineData("FeedbackType", new[] { "delivered", "opened", "clicked", "played", "dismissed", "opted-out", "unsubscribed" })]
    [InlineData("ActivityType", new[] { "session", "play" })]
    public async Task EnumsAreStringsOfTheirWireNames(string schema, string[] names)
    {
        var enumeration = (await DocumentAsync(api.Client))["components"]!["schemas"]![schema]!;

        Assert.Equal("string", enumeration["type"]!.GetValue<string>());
        Assert.Equal(names, enumeration["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task EveryOperationHasASummaryAndAnId()
    {
        var operations = Operations(await DocumentAsync(api.Client)).ToList();

        Assert.NotEmpty(operations);
        Assert.All(operations, operation => Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>())));
        Assert.Equal(operations.Count, operations.Select(o => o["operationId"]!.GetValue<string>()).Distinct().Count());
    }

    private static async Task<JsonObject> DocumentAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.ReadObject();
    }

    private static IEnumerable<JsonNode> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Where(o => Methods.Contains(o.Key)).Select(o => o.Value!));
}
