using System.Text.RegularExpressions;
using NotificationActors.FieldTrial.Trial;

namespace NotificationActors.FieldTrial.Tests;

public sealed partial class TrialDeterminismTests
{
    [Fact]
    public async Task A_trial_gives_the_same_summary_whatever_the_order_members_call_the_silo_in()
    {
        var options = new TrialOptions { Members = 30, Weeks = 2, Seed = 4 };

        var oneByOne = await FieldTrialRun.RunAsync(options with { Concurrency = 1 }, progress: null, CancellationToken.None);
        var concurrent = await FieldTrialRun.RunAsync(options with { Concurrency = 16 }, progress: null, CancellationToken.None);

        Assert.Equal(WithoutElapsed(oneByOne.ToJson()), WithoutElapsed(concurrent.ToJson()));
    }

    private static string WithoutElapsed(string json) => Elapsed().Replace(json, "");

    [GeneratedRegex("\"elapsedSeconds\": [0-9.]+,")]
    private static partial Regex Elapsed();
}
