using NotificationActors.Tooling.CommandLine;
using System.CommandLine;
using System.Globalization;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Evaluation;
using NotificationActors.Learning.Tuning;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using Spectre.Console;

namespace NotificationActors.Silo.CommandLine;

/// <summary>
/// <c>evaluate</c>: candidate slow policies (model versions) and a sweep of message costs scored on the learning
/// log by off-policy evaluation; tables on the console and everything as JSON, which the lab's <c>chart</c> verb
/// draws (the deployable silo ships no drawing library).
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>The built-in model's name on the command line.</summary>
    public const string Parametric = "parametric";

    private static readonly double[] DefaultCosts = [0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2, 0.3, 0.5];

    /// <param name="configuration">Where the store's options not given as flags are read from (<see cref="StorageOptions"/>).</param>
    public static Command Create(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var log = new LearningLogOptions(new ConfiguredOptions(configuration));
        var versions = new Option<string[]>("--model-version")
        {
            Description = $"A model version to evaluate (repeatable; '{Parametric}' is the built-in model); the first one is swept over --costs.",
            DefaultValueFactory = _ => [Parametric],
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var costs = new Option<double[]>("--costs")
        {
            Description = "Message costs to sweep, comma-separated.",
            DefaultValueFactory = _ => DefaultCosts,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var values = new double[parts.Length];
                for (var i = 0; i < parts.Length; i++)
                {
                    if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !(values[i] >= 0) || values[i] > 7)
                    {
                        result.AddError($"--costs: '{parts[i]}' is not a message cost from 0 to 7.");
                    }
                }

                if (parts.Length == 0) result.AddError("--costs: give at least one cost, e.g. 0,0.05,0.1.");
                return [.. values.Distinct().Order()];
            },
        };
        var ceiling = BoundedOptions.Create("--opt-out-ceiling", "Highest acceptable share of member-weeks with an opt-out.", 0.01, 0.0, 1.0);
        var resamples = BoundedOptions.Create("--resamples", "Bootstrap resamples behind each interval.", OffPolicyOptions.DefaultBootstrapResamples, 10, 10_000);
        var maxWeight = BoundedOptions.Create("--max-weight", "Cap on an importance weight (clipping).", OffPolicyOptions.DefaultMaxImportanceWeight, 1.0, 1e9);
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = $"Folder for {EvaluationFile.FileName} (the lab's chart verb draws it).",
            DefaultValueFactory = _ => new DirectoryInfo("./evaluation"),
        };

        var command = new Command("evaluate", "Score model versions and a sweep of message costs on the learning log by off-policy evaluation.")
        {
            versions, costs, ceiling, resamples, maxWeight, output,
        };
        log.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(parseResult.InvocationConfiguration.Output) });
            var options = new OffPolicyOptions { BootstrapResamples = parseResult.GetValue(resamples), MaxImportanceWeight = parseResult.GetValue(maxWeight) };
            try
            {
                IRewardModel[] models;
                await using (var store = await log.OpenModelsAsync(parseResult, cancellationToken))
                {
                    models = await Task.WhenAll(parseResult.GetRequiredValue(versions).Select(v => LoadAsync(store, v, cancellationToken)));
                }

                var sweepCosts = parseResult.GetRequiredValue(costs);
                var candidates = models.Select(m => new PolicyCandidate(m.Version, m, new SlowPolicyOptions()))
                    .Concat(PolicyEvaluation.CostSweep(models[0], new SlowPolicyOptions(), sweepCosts))
                    .ToArray();

                await using var records = await log.OpenAsync(parseResult, cancellationToken);
                var results = await LearningLogOptions.WithProgressAsync(console, progress => PolicyEvaluation.EvaluateAsync(
                    records, parseResult.GetValue(log.From), parseResult.GetValue(log.To), candidates, ActionGrid.Default, options, progress, cancellationToken));

                var tuning = PolicyEvaluation.TuneMessageCost(results.Skip(models.Length).ToArray(), parseResult.GetValue(ceiling));
                Report(console, results.Take(models.Length).ToArray(), tuning);
                var folder = parseResult.GetRequiredValue(output).FullName;
                var written = await new EvaluationFile([.. results.Take(models.Length)], tuning).WriteAsync(folder, cancellationToken);
                console.MarkupLine($"Wrote {written.EscapeMarkup()}; the lab's chart verb draws the sweep from it.");
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or Npgsql.NpgsqlException or Azure.RequestFailedException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"evaluate: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>A stored version's reward model, or the built-in one for <see cref="Parametric"/>.</summary>
    internal static async Task<IRewardModel> LoadAsync(IModelStore store, string version, CancellationToken cancellationToken) =>
        version == Parametric ? new ParametricRewardModel() : ModelArtefacts.LoadRewardModel(await ModelArtefacts.ReadCardAsync(store, version, cancellationToken));

    private static void Report(IAnsiConsole console, IReadOnlyList<CandidateEvaluation> candidates, CostTuning tuning)
    {
        var models = new Table().Title("model versions at the default message cost").AddColumns("model", "engaged days (DR)", "IPS", "SNIPS", "opt-out (DR)", "ESS");
        foreach (var c in candidates)
        {
            models.AddRow(c.Name, Interval(c.Engagement.DoublyRobust, "F3"), Value(c.Engagement.Ips.Value, "F3"), Value(c.Engagement.SelfNormalisedIps.Value, "F3"),
                Interval(c.OptOut.DoublyRobust, "P2"), $"{c.Engagement.EffectiveSampleSize:N0}");
        }

        var sweep = new Table().Title($"message-cost sweep (opt-out ceiling {tuning.OptOutCeiling:P2})").AddColumns("cost", "engaged days (DR)", "opt-out (DR)", "ESS", "clipped");
        foreach (var p in tuning.Points)
        {
            var mark = p.MessageCost == tuning.ChosenCost ? " [green]<- chosen[/]" : "";
            sweep.AddRow($"{p.MessageCost:G3}{mark}", Interval(p.Engagement.DoublyRobust, "F3"), Interval(p.OptOut.DoublyRobust, "P2"),
                $"{p.Engagement.EffectiveSampleSize:N0}", $"{p.Engagement.ClippedWeights:N0}");
        }

        console.Write(models);
        console.Write(sweep);
        console.MarkupLine(tuning.ChosenCost is null ? $"[yellow]{tuning.Verdict.EscapeMarkup()}[/]" : $"[green]{tuning.Verdict.EscapeMarkup()}[/]");
    }

    private static string Interval(OffPolicyEstimate e, string format) =>
        $"{Value(e.Value, format)} [[{Value(e.Lower, format)}, {Value(e.Upper, format)}]]";

    private static string Value(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
}
