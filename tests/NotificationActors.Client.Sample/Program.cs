using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NotificationActors.Abstractions.Members;
using NotificationActors.Client.Orleans;
using NotificationActors.Client.Postgres;

// Usage: NotificationActors.Client.Sample Sample:Member=<member id> Sample:Opportunity=<opportunity id>, with the
// silos' database in ConnectionStrings__NotificationActors and their cluster id in NotificationActors__Client__ClusterId
// (the environment, never the command line, carries the connection string). Prints the decision as one JSON line.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

// Standard output carries the decision alone; every log line goes to standard error.
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
var database = builder.Configuration.GetConnectionString("NotificationActors")
    ?? throw new InvalidOperationException("Set ConnectionStrings__NotificationActors to the silos' PostgreSQL database.");
builder.AddNotificationActorsClient(o => o.UsePostgresClustering(database));

using var host = builder.Build();
await host.StartAsync();
var members = host.Services.GetRequiredService<INotificationActors>();
var decision = await members.OfferOpportunityAsync(builder.Configuration["Sample:Member"]!, new SendOpportunity
{
    OpportunityId = builder.Configuration["Sample:Opportunity"]!,
    Time = DateTimeOffset.UtcNow,
    Candidates = [new CandidateMessage { MessageId = "m-1", Channel = MessageChannel.Push, Relevance = 0.9 }],
});
Console.WriteLine(JsonSerializer.Serialize(decision, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
await host.StopAsync();
