using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Abstractions.Members;
using NotificationActors.Storage.Azure.Hosting;

namespace NotificationActors.Storage.Azure.Tests;

/// <summary>What is particular to the Azure table: records beyond one property's size, and refusals up front.</summary>
public sealed class AzureTableLearningLogTests(AzureSiloFixture silo) : IClassFixture<AzureSiloFixture>
{
    private ILearningLog Log => silo.Services.GetRequiredService<ILearningLog>();

    private static MemberWeekRecord RecordWithDecisions(string member, int decisions) => new()
    {
        MemberId = member,
        Week = "2026-W48",
        Arm = "hierarchical",
        Policy = "hierarchical",
        ModelVersion = "parametric-1",
        PlanPush = 7,
        PlanEmail = 3,
        Pacing = "uniform",
        Propensity = 0.5,
        Explored = false,
        UtilityTerms = new Dictionary<string, double>(),
        Features = new Dictionary<string, double>(),
        Sent = new ChannelCountsView(),
        Outcomes = new Dictionary<string, int>(),
        EngagedDays = 2,
        ActivityMinutes = 30,
        OptedOut = [],
        Decisions = Enumerable.Range(0, decisions).Select(i => new DecisionRecord
        {
            OpportunityId = $"opportunity-{i:D6}", Time = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero).AddMinutes(i),
            Kind = OpportunityType.Daily, Send = i % 3 == 0, MessageId = $"message-{i:D6}", Channel = MessageChannel.Push,
            Reason = "selected", Propensity = 0.25, PlanWeek = "2026-W48", Arm = "hierarchical",
        }).ToList(),
    };

    private async Task<List<MemberWeekRecord>> ReadMemberAsync(string member)
    {
        var records = new List<MemberWeekRecord>();
        await foreach (var record in Log.ReadAsync("2026-W48", "2026-W48"))
        {
            if (record.MemberId == member) records.Add(record);
        }

        return records;
    }

    [Fact]
    public async Task ARecordLargerThanOneTablePropertyRoundTripsWhole()
    {
        var member = $"big-{Guid.NewGuid():N}";
        var record = RecordWithDecisions(member, decisions: 400);
        var json = JsonSerializer.Serialize(record, JsonSerializerOptions.Web);
        Assert.True(json.Length > 64_000, $"the record must span several properties; it is {json.Length} characters");

        await Log.AppendAsync(record);

        Assert.Equal(json, JsonSerializer.Serialize(Assert.Single(await ReadMemberAsync(member)), JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task ARecordBeyondAnEntitysSizeIsRefusedByNameAndWritesNothing()
    {
        var member = $"huge-{Guid.NewGuid():N}";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Log.AppendAsync(RecordWithDecisions(member, decisions: 3_000)));

        Assert.Contains(member, error.Message, StringComparison.Ordinal);
        Assert.Contains("2026-W48", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ReadMemberAsync(member));
    }

    [Theory]
    [InlineData("AccountName=x;AccountKey=not base64!;TableEndpoint=http://127.0.0.1:1/x", "learninglog", "connection string")]
    [InlineData("this is not a connection string", "learninglog", "connection string")]
    [InlineData("UseDevelopmentStorage=true", "learning-log", "'learning-log' is not an Azure table name")]
    [InlineData("UseDevelopmentStorage=true", "1log", "'1log' is not an Azure table name")]
    public void AMalformedConnectionStringOrTableNameIsRefusedAtConfiguration(string connectionString, string table, string expected)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => AzureConnectionString.TableClient(connectionString, table));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
