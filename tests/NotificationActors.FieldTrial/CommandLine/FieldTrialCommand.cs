using System.CommandLine;
using NotificationActors.FieldTrial.Report;
using NotificationActors.FieldTrial.Silo;
using NotificationActors.FieldTrial.Trial;
using NotificationActors.FieldTrial.World;
using Spectre.Console;

namespace NotificationActors.FieldTrial.CommandLine;

/// <summary>The field trial's command line: options, a progress bar while it runs, then the table and the files.</summary>
internal static class FieldTrialCommand
{
    public static RootCommand Create()
    {
        var members = BoundedOption.Create("--members", "Members in each policy's copy of the world", TrialOptions.DefaultMembers, 1, 1_000_000);
        var weeks = BoundedOption.Create("--weeks", "Weeks to simulate", TrialOptions.DefaultWeeks, 1, 104);
        var seed = BoundedOption.Create("--seed", "Seed of the first run; the same seed gives the same world", 1, 0, 1_000_000_000);
        var seeds = BoundedOption.Create("--seeds", "Runs with seeds seed, seed+1, ...; the report gives the mean and spread across them", 1, 1, 100);
        var concurrency = BoundedOption.Create("--concurrency", "Members whose calls to the silo are in flight at once", TrialOptions.DefaultConcurrency, 1, 4_096);
        var world = new Option<FileInfo?>("--world") { Description = "JSON file of the world's parameters over the defaults (fieldtrial.world.json, embedded)." };
        world.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !File.Exists(result.Tokens[^1].Value))
            {
                result.AddError($"--world: there is no file '{result.Tokens[^1].Value}'.");
            }
        });
        var url = new Option<Uri?>("--url")
        {
            Description = "Drive the silo already running at this address (started with --clock simulated) instead of starting one in this process.",
            CustomParser = result =>
            {
                var text = result.Tokens[^1].Value;
                if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var address) && address.Scheme is "http" or "https")
                {
                    return address;
                }

                result.AddError($"--url: '{text}' is not an http:// or https:// address.");
                return null;
            },
        };
        var learningLoop = new Option<bool>("--learning-loop")
        {
            Description = "Run the in-process silo's learning loop, retraining weekly on the trial's own log (off: the silo plans as shipped, without retraining).",
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder for summary.json and report.html.",
            DefaultValueFactory = _ => new DirectoryInfo("./fieldtrial"),
        };

        var root = new RootCommand("The field trial: drives a silo over HTTP, as production callers do, with a world of members it has never seen, and compares it with never sending and with a twice-a-week schedule.")
        {
            members, weeks, seed, seeds, concurrency, world, url, learningLoop, output,
        };
        root.Validators.Add(result =>
        {
            if (result.GetValue(learningLoop) && result.GetValue(url) is not null)
            {
                result.AddError("--learning-loop applies to the silo this process starts; a silo at --url runs its loop as it was configured.");
            }
        });
        root.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(parseResult.InvocationConfiguration.Output) });

            // Written to a file or a pipe, the table need not fit a terminal's 80 columns.
            if (!console.Profile.Capabilities.Interactive) console.Profile.Width = Math.Max(console.Profile.Width, 200);
            try
            {
                var options = new TrialOptions
                {
                    Members = parseResult.GetValue(members),
                    Weeks = parseResult.GetValue(weeks),
                    Seed = parseResult.GetValue(seed),
                    Seeds = parseResult.GetValue(seeds),
                    Concurrency = parseResult.GetValue(concurrency),
                    World = parseResult.GetValue(world) is { } file ? WorldFile.Load(file.FullName) : WorldFile.Defaults,
                    SiloUrl = parseResult.GetValue(url),
                    LearningLoop = parseResult.GetValue(learningLoop),
                };
                TrialSummary? summary = null;
                await console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("starting", maxValue: 1);
                        summary = await FieldTrialRun.RunAsync(options, p =>
                        {
                            task.Description = Markup.Escape(p.Stage);
                            task.Value = p.MemberDays == 0 ? 0 : (double)p.MemberDaysDone / p.MemberDays;
                        }, cancellationToken);
                        task.Value = 1;
                    });

                var folder = parseResult.GetRequiredValue(output);
                folder.Create();
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, "summary.json"), summary!.ToJson(), cancellationToken);
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, "report.html"), HtmlReport.Render(summary), cancellationToken);
                ConsoleReport.Write(console, summary);
                console.MarkupLine(Markup.Escape($"Took {summary.ElapsedSeconds:0.0} s. Wrote {Path.Combine(folder.FullName, "summary.json")} and report.html."));
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or SiloCallException or HttpRequestException or UnauthorizedAccessException)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"fieldtrial: {e.Message}");
                return 1;
            }
        });
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; the exit code is non-zero on a bad option or a failure.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default) =>
        Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error }, cancellationToken);
}
