using NotificationActors.FieldTrial.CommandLine;

namespace NotificationActors.FieldTrial.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--members abc", "--members: 'abc' is not a whole number from 1 to 1000000.")]
    [InlineData("--weeks 0", "--weeks: '0' is not a whole number from 1 to 104.")]
    [InlineData("--concurrency -3", "--concurrency")]
    [InlineData("--url ftp://example.org", "--url: 'ftp://example.org' is not an http:// or https:// address.")]
    [InlineData("--world /no/such/world.json", "--world: there is no file '/no/such/world.json'.")]
    [InlineData("--colour blue", "--colour")]
    public async Task Bad_options_print_what_is_wrong_and_exit_non_zero(string args, string expected)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await FieldTrialCommand.InvokeAsync(args.Split(' '), output, error);

        Assert.NotEqual(0, exit);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_world_file_with_an_unknown_field_stops_the_trial_before_it_starts()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, """{ "habbit": { "lift": 1 } }""");
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exit = await FieldTrialCommand.InvokeAsync(["--world", file], output, error);

            Assert.Equal(1, exit);
            Assert.Contains("habbit: unknown field", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
