using NotificationActors.Silo.CommandLine;

namespace NotificationActors.Silo.Tests;

public class CommandLineTests
{
    [Theory]
    [InlineData(new[] { "--help" }, "Commands:")]
    [InlineData(new[] { "run", "--help" }, "--silo-port")]
    [InlineData(new[] { "train", "--help" }, "--model-version")]
    [InlineData(new[] { "evaluate", "--help" }, "--opt-out-ceiling")]
    public async Task EveryVerbHasHelp(string[] args, string expected)
    {
        var (exitCode, output, _) = await Cli.Run(args);

        Assert.Equal(0, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--silo-port", "abc" }, "--silo-port: 'abc' is not a number from 0 to 65535")]
    [InlineData(new[] { "run", "--gateway-port", "-3" }, "--gateway-port: '-3' is not a number")]
    [InlineData(new[] { "--storage", "floppy" }, "--storage: 'floppy' is not one of")]
    [InlineData(new[] { "--urls", "localhost" }, "--urls: 'localhost' is not an absolute http")]
    [InlineData(new[] { "--no-such-option" }, "--no-such-option")]
    [InlineData(new[] { "--storage", "azure" }, "--storage azure needs --azure")]
    [InlineData(new[] { "--storage", "azure", "--azure", "AccountName=x;Nonsense" }, "--azure: The Azure Storage connection string is malformed")]
    [InlineData(new[] { "--azure", "UseDevelopmentStorage=true" }, "--azure is only used with --storage azure")]
    [InlineData(new[] { "--storage", "azure", "--azure", "UseDevelopmentStorage=true", "--clock", "simulated" }, "--clock simulated runs a single silo")]
    [InlineData(new[] { "train", "--storage", "azure" }, "--storage azure needs --azure")]
    [InlineData(new[] { "--storage", "postgres" }, "--storage postgres needs --postgres")]
    [InlineData(new[] { "--storage", "postgres", "--postgres", "Database=na" }, "--postgres: The PostgreSQL connection string names no Host")]
    [InlineData(new[] { "--storage", "postgres", "--postgres", "Hots=x" }, "--postgres: The PostgreSQL connection string is not valid")]
    [InlineData(new[] { "--postgres", "Host=127.0.0.1" }, "--postgres is only used with --storage postgres (the storage is sqlite).")]
    [InlineData(new[] { "--storage", "postgres", "--postgres", "Host=127.0.0.1", "--clock", "simulated" }, "--clock simulated runs a single silo")]
    [InlineData(new[] { "--cluster-id", "a b" }, "--cluster-id: 'a b' must be")]
    [InlineData(new[] { "--advertise", "nowhere" }, "--advertise: 'nowhere' is not an IP address")]
    public async Task ABadOptionExitsNonZeroNamingIt(string[] args, string message)
    {
        var (exitCode, _, error) = await Cli.Run(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "NotificationActors": { "Silo": { "SiloPort": "abc" } } }""", "NotificationActors:Silo:SiloPort: 'abc' is not a number from 0 to 65535.")]
    [InlineData("""{ "NotificationActors": { "Silo": { "Storage": "floppy" } } }""", "NotificationActors:Silo:Storage: 'floppy' is not one of sqlite, azure, postgres, memory.")]
    [InlineData("""{ "NotificationActors": { "Silo": { "Urls": "localhost" } } }""", "NotificationActors:Silo:Urls: 'localhost' is not an absolute http")]
    [InlineData("""{ "NotificationActors": { "Silo": { "Clock": "sundial" } } }""", "NotificationActors:Silo:Clock: 'sundial' is not one of system, simulated.")]
    [InlineData("""{ "NotificationActors": { "Logging": { "Format": "xml" } } }""", "NotificationActors:Logging:Format: 'xml' is not one of simple, json.")]
    [InlineData("""{ "NotificationActors": { "Silo": { "Storage": "postgres" } } }""", "--storage postgres needs --postgres \"<connection string>\", or the connection string in configuration: ConnectionStrings:postgres")]
    [InlineData("""{ "NotificationActors": { "Silo": { "Storage": "postgres" } }, "ConnectionStrings": { "postgres": "Database=secret" } }""", "ConnectionStrings:postgres: The PostgreSQL connection string names no Host")]
    [InlineData("""{ "NotificationActors": { "Silo": { "Storage": "azure", "Clock": "simulated" } }, "ConnectionStrings": { "azure": "UseDevelopmentStorage=true" } }""", "--clock simulated runs a single silo")]
    public async Task ABadConfiguredValueExitsNonZeroNamingItsKey(string settings, string message)
    {
        var (exitCode, _, error) = await Cli.RunWith(settings, "run");

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("--help")]
    public async Task AConfigurationFileThatIsNotJsonExitsNonZeroNamingIt(string verb)
    {
        var (exitCode, _, error) = await Cli.RunWith("""{ "ConnectionStrings": { "postgres": "Password=secret" """, verb);

        Assert.Equal(1, exitCode);
        Assert.Contains("appsettings.json", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConfiguredConnectionStringIsUsedAndNeverPrinted()
    {
        const string settings = """
            { "NotificationActors": { "Silo": { "Storage": "postgres", "ModelVersion": "v1" } },
              "ConnectionStrings": { "postgres": "Host=127.0.0.1;Port=1;Username=na;Password=hunter2-secret;Timeout=1" } }
            """;

        var (helpExit, help, _) = await Cli.RunWith(settings, "run", "--help");
        // The pinned version is read from the configured database before the silo starts: nothing listens on port 1.
        var (runExit, _, error) = await Cli.RunWith(settings, "run");

        Assert.Equal(0, helpExit);
        Assert.DoesNotContain("hunter2", help, StringComparison.Ordinal);
        Assert.Equal(1, runExit);
        Assert.Contains("127.0.0.1:1", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileAsTheDataFolderIsRejected()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (exitCode, _, error) = await Cli.Run("--data", file);

            Assert.NotEqual(0, exitCode);
            Assert.Contains($"--data: '{file}' is a file", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(new string[0], new[] { "run" })]
    [InlineData(new[] { "--urls", "http://127.0.0.1:1" }, new[] { "run", "--urls", "http://127.0.0.1:1" })]
    [InlineData(new[] { "--help" }, new[] { "--help" })]
    [InlineData(new[] { "train" }, new[] { "train" })]
    public void RunIsTheDefaultVerb(string[] args, string[] expected) =>
        Assert.Equal(expected, SiloCommandLine.WithDefaultVerb(args));
}
