using NotificationActors.Tooling.CommandLine;
using System.CommandLine;
using System.Globalization;
using NotificationActors.Grains.Experiments;
using NotificationActors.Lab.Experiment;
using NotificationActors.Policy.Slow;
using NotificationActors.Simulation.Experiment;
using NotificationActors.Simulation.World;
using Spectre.Console;

namespace NotificationActors.Lab.CommandLine;

/// <summary>
/// <c>simulate</c>: the policy experiment on an in-process test cluster, for each seed, then report.html,
/// summary.md and summary.json in the output folder.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var members = BoundedOptions.Create("--members", "Member grains in all, split evenly over the four arms (each arm runs the same hidden members).", ExperimentOptions.DefaultMembers, 4, 4_000_000);
        var weeks = BoundedOptions.Create("--weeks", "Weeks to simulate.", ExperimentOptions.DefaultWeeks, 1, 520);
        var seed = BoundedOptions.Create("--seed", "Seed of the first run; the same seed gives the same run.", 1, 0, int.MaxValue - 100);
        var seeds = BoundedOptions.Create("--seeds", "Runs with seeds seed, seed+1, ...: intervals in the report are across them.", 3, 1, 100);
        var silos = BoundedOptions.Create("--silos", "Silos of the test cluster.", ExperimentOptions.DefaultSilos, 1, 10);
        var exploration = BoundedOptions.Create("--exploration-weeks", "Weeks the hierarchical arm plans at random before weekly retraining (default none: it starts on the parametric prior, 10% of plans explored).", ExperimentOptions.DefaultExplorationWeeks, 0, 519);
        var fixedPush = BoundedOptions.Create("--fixed-push", "Weekly pushes of the fixed arm (the baseline's threshold is set to the fixed arm's volume).", ExperimentOptions.DefaultFixedPush, 0, 50);
        var fixedEmail = BoundedOptions.Create("--fixed-email", "Weekly emails of the fixed arm.", ExperimentOptions.DefaultFixedEmail, 0, 50);
        var concurrency = BoundedOptions.Create("--concurrency", "Members simulated at once.", ExperimentOptions.DefaultConcurrency, 1, 10_000);
        var pacing = new Option<string>("--pacing")
        {
            Description = "How the hierarchical arm spreads its weekly budget: relevance-weighted (on the better messages) or uniform.",
            DefaultValueFactory = _ => "relevance-weighted",
        };
        pacing.AcceptOnlyFromAmong("relevance-weighted", "uniform");
        var messageCost = OptionalUpTo("--message-cost", "The hierarchical arm's universal message cost in engaged days (default: the slow policy's).", 7, "a cost from 0 to 7 engaged days");
        var pushOptOutCost = OptionalUpTo("--push-opt-out-cost", $"The hierarchical arm's least price of a push opt-out, in engaged days (default {SlowPolicyOptions.DefaultPushOptOutCost:G}).", MaxOptOutCost, $"a price from 0 to {MaxOptOutCost} engaged days");
        var emailOptOutCost = OptionalUpTo("--email-opt-out-cost", $"The hierarchical arm's least price of an email opt-out, in engaged days (default {SlowPolicyOptions.DefaultEmailOptOutCost:G}).", MaxOptOutCost, $"a price from 0 to {MaxOptOutCost} engaged days");
        var optOutWorthWeeks = OptionalUpTo("--opt-out-worth-weeks", $"Weeks of a channel's worth to the member an opt-out costs in the hierarchical arm where that exceeds the least price; 0 prices everyone at it (default {SlowPolicyOptions.DefaultOptOutWorthWeeks:G}).", MaxWorthWeeks, $"a number of weeks from 0 to {MaxWorthWeeks}");
        var ranker = new Option<string>("--ranker")
        {
            Description = "What every arm's fast policy but the baseline's ranks candidates by: engagement (the chance a sent message is engaged with), causal (the effect of sending it, from the newest trained version that has a causal ranker; engagement until then), or both: a ranking layer crossed with the pacing arms, each member's ranking arm an independent hash, and each layer's effect reported with the other held fixed.",
            DefaultValueFactory = _ => "engagement",
        };
        ranker.AcceptOnlyFromAmong("engagement", "causal", "both");
        var storage = new Option<string>("--storage")
        {
            Description = "Where the grains keep state, reminders and the learning log: memory (the default; the store is thrown away, so writes need not wait for a disk) or sqlite (the production path on a throwaway file, to measure it). Results are the same.",
            DefaultValueFactory = _ => "memory",
        };
        storage.AcceptOnlyFromAmong("memory", "sqlite");
        var schedules = new Option<IReadOnlyList<FixedSchedule>>("--schedules")
        {
            Description = "Also run every fixed schedule of a grid, each as an arm of its own on the same members, and report the best for everyone and per true cohort as yardsticks: PxE runs 0..P pushes and 0..E emails a week with the fixed arm's in-app messages, PxExI varies in-app messages over 0..I too (each schedule adds the members of an arm).",
            DefaultValueFactory = _ => [],
            CustomParser = result =>
            {
                try
                {
                    return FixedSchedule.Grid(string.Join(' ', result.Tokens.Select(t => t.Value)), ArmOptions.DefaultFixedInApp);
                }
                catch (ArgumentException e)
                {
                    result.AddError($"--schedules: {e.Message}");
                    return [];
                }
            },
        };
        var world = new Option<FileInfo?>("--world") { Description = "JSON file of the hidden world's parameters (defaults: world.defaults.json beside the executable)." };
        world.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !File.Exists(result.Tokens[^1].Value))
            {
                result.AddError($"--world: there is no file '{result.Tokens[^1].Value}'.");
            }
        });
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder for report.html, summary.md and summary.json.",
            DefaultValueFactory = _ => new DirectoryInfo("./experiment"),
        };

        var command = new Command("simulate", "Run the policy experiment (fixed, baseline, hierarchical, oracle) through the member grains on an in-process test cluster and write its report.")
        {
            members, weeks, seed, seeds, silos, exploration, fixedPush, fixedEmail, schedules, pacing, messageCost, pushOptOutCost, emailOptOutCost, optOutWorthWeeks, ranker, concurrency, storage, world, output,
        };
        command.Validators.Add(result =>
        {
            // Zero weeks means the option itself failed to parse, which its own validator reports.
            if (result.GetValue(weeks) >= 1 && result.GetValue(exploration) >= result.GetValue(weeks))
            {
                result.AddError($"--exploration-weeks {result.GetValue(exploration)} leaves no week for the trained policy; give fewer than --weeks {result.GetValue(weeks)}.");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = LabConsole.For(parseResult);
            try
            {
                var options = new ExperimentOptions
                {
                    Members = parseResult.GetValue(members),
                    Weeks = parseResult.GetValue(weeks),
                    Silos = parseResult.GetValue(silos),
                    ExplorationWeeks = parseResult.GetValue(exploration),
                    FixedPush = parseResult.GetValue(fixedPush),
                    FixedEmail = parseResult.GetValue(fixedEmail),
                    Concurrency = parseResult.GetValue(concurrency),
                    Storage = parseResult.GetValue(storage) == "sqlite" ? ExperimentStorage.Sqlite : ExperimentStorage.Memory,
                    HierarchicalMessageCost = parseResult.GetValue(messageCost),
                    HierarchicalPushOptOutCost = parseResult.GetValue(pushOptOutCost),
                    HierarchicalEmailOptOutCost = parseResult.GetValue(emailOptOutCost),
                    HierarchicalOptOutWorthWeeks = parseResult.GetValue(optOutWorthWeeks),
                    Schedules = parseResult.GetValue(schedules) ?? [],
                    Rankers = parseResult.GetValue(ranker) switch
                    {
                        "causal" => [RankerKind.Causal],
                        "both" => [RankerKind.Engagement, RankerKind.Causal],
                        _ => [RankerKind.Engagement],
                    },
                    HierarchicalPacing = parseResult.GetValue(pacing) == "uniform" ? Policy.Pacing.PacingProfile.Uniform : Policy.Pacing.PacingProfile.RelevanceWeighted,
                    World = parseResult.GetValue(world) is { } file ? WorldOptions.Load(file.FullName) : new WorldOptions(),
                };
                options.Validate();
                var runs = new List<ExperimentRun>();
                var first = parseResult.GetValue(seed);
                await console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .StartAsync(async context =>
                    {
                        for (var s = first; s < first + parseResult.GetValue(seeds); s++)
                        {
                            var task = context.AddTask(string.Create(CultureInfo.InvariantCulture, $"seed {s}: starting"), maxValue: 1);
                            var progress = new Progress<ExperimentProgress>(p =>
                            {
                                task.Description = string.Create(CultureInfo.InvariantCulture, $"seed {s}: {p.Stage}");
                                task.Value = p.MemberDays == 0 ? 0 : (double)p.MemberDaysDone / p.MemberDays;
                            });
                            options.Seed = s;
                            runs.Add(await PolicyExperiment.RunAsync(options, progress, cancellationToken));
                            task.Value = 1;
                            task.StopTask();
                        }
                    });

                var summary = ExperimentSummary.Of(runs, options);
                var folder = parseResult.GetRequiredValue(output).FullName;
                Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(Path.Combine(folder, "report.html"), ExperimentReport.Html(summary), cancellationToken);
                await File.WriteAllTextAsync(Path.Combine(folder, "summary.md"), ExperimentReport.Markdown(summary), cancellationToken);
                await File.WriteAllTextAsync(Path.Combine(folder, "summary.json"), summary.ToJson(), cancellationToken);
                Report(console, summary, folder);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"simulate: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    // A year of engaged days for one lost channel is already more than any member's channel is worth; larger values are typos.
    private const double MaxOptOutCost = 365;

    // Ten years of a channel's worth.
    private const double MaxWorthWeeks = 520;

    // An option without a default (the arm's own applies) that refuses values outside [0, max], naming itself.
    private static Option<double?> OptionalUpTo(string name, string description, double max, string what)
    {
        var option = new Option<double?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } value && !(value >= 0 && value <= max))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: '{value}' is not {what}."));
            }
        });
        return option;
    }

    private static void Report(IAnsiConsole console, ExperimentSummary summary, string folder)
    {
        var table = new Table().Title("arms (95% intervals across seeds)").AddColumns("arm", "engaged days / member-week", "opt-out rate", "sends / member-week (push, email, in-app)", "CTR", "regret (days)", "push/email regret");
        foreach (var (arm, s) in summary.Arms)
        {
            table.AddRow(arm.EscapeMarkup(), Value(s.Engagement, s.EngagementCi, "0.000").EscapeMarkup(), Value(s.OptOutRate, s.OptOutRateCi, "0.0000").EscapeMarkup(),
                string.Create(CultureInfo.InvariantCulture, $"{s.SendsPerMemberWeek:0.00} ({s.PushPerMemberWeek:0.00}, {s.EmailPerMemberWeek:0.00}, {s.InAppPerMemberWeek:0.00})"), s.Ctr.ToString("0.000", CultureInfo.InvariantCulture), Value(s.Regret, s.RegretCi, "0.000").EscapeMarkup(),
                Value(s.GridRegret, s.GridRegretCi, "0.000").EscapeMarkup());
        }

        console.Write(table);
        if (ExperimentReport.LayerRows(summary) is { } layers)
        {
            console.Write(RowsTable(ExperimentReport.LayerCaption(summary).TrimEnd(':'), ExperimentReport.LayerColumns, layers));
        }

        if (ExperimentReport.EffectHeadline(summary) is { } effects) console.MarkupLine(effects.EscapeMarkup());
        if (ScheduleReport.Rows(summary) is { } schedules)
        {
            console.Write(RowsTable("schedules kept all run", ScheduleReport.Columns, schedules));
            console.MarkupLine(ScheduleReport.Headline(summary)!.EscapeMarkup());
        }

        console.MarkupLine(ExperimentReport.Headline(summary).EscapeMarkup());
        console.MarkupLine(ExperimentReport.Yardsticks(summary).EscapeMarkup());
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{summary.MemberWeeksPerSecond:N0} member-weeks per second. Wrote {Path.Combine(folder, "report.html").EscapeMarkup()}, summary.md and summary.json."));
    }

    private static Table RowsTable(string title, string[] columns, string[][] rows)
    {
        var table = new Table().Title(title).AddColumns(columns);
        foreach (var row in rows) table.AddRow([.. row.Select(cell => cell.EscapeMarkup())]);
        return table;
    }

    private static string Value(double value, double[]? ci, string format) =>
        value.ToString(format, CultureInfo.InvariantCulture) + (ci is [var low, var high]
            ? string.Create(CultureInfo.InvariantCulture, $" [{low.ToString(format, CultureInfo.InvariantCulture)}, {high.ToString(format, CultureInfo.InvariantCulture)}]")
            : "");
}
