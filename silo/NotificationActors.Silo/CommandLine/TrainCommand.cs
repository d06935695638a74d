using NotificationActors.Tooling.CommandLine;
using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Slow;
using Spectre.Console;

namespace NotificationActors.Silo.CommandLine;

/// <summary>
/// <c>train</c>: the deployment's learning log in, a new model version (ML.NET files and card.json) out, into the
/// same store, and exported to a folder for people to read (the lab's chart verb draws its reliability charts from it).
/// </summary>
internal static partial class TrainCommand
{
    /// <param name="configuration">Where the store's options not given as flags are read from (<see cref="StorageOptions"/>).</param>
    public static Command Create(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var log = new LearningLogOptions(new ConfiguredOptions(configuration));
        var version = new Option<string>("--model-version")
        {
            Description = "Name of the new version (letters, digits, '.', '-', '_'); default learned-<UTC time>.",
            DefaultValueFactory = _ => "learned-" + DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture),
        };
        version.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !VersionName().IsMatch(result.Tokens[^1].Value))
            {
                result.AddError($"--model-version: '{result.Tokens[^1].Value}' must be 1 to 64 letters, digits, '.', '-' or '_'.");
            }
        });
        var messageCost = BoundedOptions.Create("--message-cost", "The message cost the concavity check evaluates the utility with.", SlowPolicyOptions.DefaultMessageCost, 0.0, 7.0);
        var champion = new Option<string?>("--champion")
        {
            Description = $"The version serving now (a stored version or '{EvaluateCommand.Parametric}'): the card's promotion check says whether the new version's plans clearly do better on held-out explored weeks.",
        };
        var surrogates = new Option<bool>("--surrogates")
        {
            Description = "Fit the engaged-day curves with the week's opens and plays as their surrogate, calibrated to engaged days on the explored weeks (docs/learning.md; off by default: in the simulator it changed nothing measurable).",
        };

        var weightExponent = BoundedOptions.Create("--propensity-weight-exponent",
            "How far the reward fits re-weight explored weeks toward uniform exploration: each counts 1/propensity to this power (1: fully; 0: alike; docs/learning.md).",
            RewardTrainingOptions.DefaultPropensityWeightExponent, 0.0, 1.0);

        var command = new Command("train", "Learn the reward and opt-out models from the learning log and save them as a new model version in the same store.")
        {
            version, messageCost, champion, surrogates, weightExponent,
        };
        log.AddTo(command, exportsVersions: true);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(parseResult.InvocationConfiguration.Output) });
            var export = new FolderModelStore(log.ExportFolder(parseResult));
            var options = new RewardTrainingOptions
            {
                Policy = new SlowPolicyOptions { MessageCost = parseResult.GetValue(messageCost) },
                Surrogates = parseResult.GetValue(surrogates),
                PropensityWeightExponent = parseResult.GetValue(weightExponent),
            };
            try
            {
                await using var records = await log.OpenAsync(parseResult, cancellationToken);
                await using var store = await log.OpenModelsAsync(parseResult, cancellationToken);
                var name = parseResult.GetRequiredValue(version);
                var serving = parseResult.GetValue(champion) is { } current ? await EvaluateCommand.LoadAsync(store, current, cancellationToken) : null;
                var card = await LearningLogOptions.WithProgressAsync(console, progress => ModelTraining.TrainAsync(
                    records, parseResult.GetValue(log.From), parseResult.GetValue(log.To), store, name, options, progress, serving, cancellationToken));

                await export.SaveAsync(name, (await store.LoadAsync(name, cancellationToken))!, cancellationToken);
                Report(console, card, export.FolderOf(name));
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or Npgsql.NpgsqlException or Azure.RequestFailedException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"train: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static void Report(IAnsiConsole console, ModelCard card, string folder)
    {
        console.MarkupLine($"Model version [bold]{card.Version.EscapeMarkup()}[/] from {card.Records:N0} records ({card.DataFrom} to {card.DataTo}): " +
            $"{card.PlannedWeeks:N0} planned weeks, {card.ExploredWeeks:N0} explored.");
        var rewards = new Table().Title("reward models (SDCA regression, explored weeks)").AddColumns("model", "train rows", "validation rows", "rmse", "r2");
        var optOuts = new Table().Title("opt-out models (L-BFGS logistic regression)").AddColumns("model", "train rows", "validation rows", "base rate", "auc", "calibration error");
        foreach (var (name, head) in card.Heads)
        {
            string Metric(string key) => head.Metrics.TryGetValue(key, out var value) ? value.ToString("G3", CultureInfo.InvariantCulture) : "-";
            if (head.PlattSlope is null)
            {
                rewards.AddRow(name, $"{head.TrainRows:N0}", $"{head.ValidationRows:N0}", Metric("rmse"), Metric("r2"));
            }
            else
            {
                optOuts.AddRow(name, $"{head.TrainRows:N0}", $"{head.ValidationRows:N0}", Metric("baseRate"), Metric("auc"), Metric("calibrationError"));
            }
        }

        console.Write(rewards);
        console.Write(optOuts);
        if (card.Bandit is { } bandit)
        {
            string Metric(string key) => bandit.Metrics.TryGetValue(key, out var value) ? value.ToString("G3", CultureInfo.InvariantCulture) : "-";
            console.Write(new Table().Title("fast-policy ranker (LinUCB, ridge regression on logged sends)")
                .AddColumns("train sends", "validation sends", "engagement rate", "calibration error", "recovering weight")
                .AddRow($"{bandit.TrainSends:N0}", $"{bandit.ValidationSends:N0}", Metric("validationEngagementRate"), Metric("calibrationError"), Metric("recoveringWeight")));
        }
        else
        {
            console.MarkupLine($"[yellow]No fast-policy ranker[/]: {card.BanditSkipped.EscapeMarkup()}; decisions keep ranking by the caller's relevance.");
        }

        if (card.CausalRanker is { } causal)
        {
            console.Write(new Table().Title("causal ranker (S-learner on the pacing coins' sends and holds)")
                .AddColumns("train sends", "train holds", "validation decisions", "mean predicted effect (engaged days, the day and the next)")
                .AddRow($"{causal.TrainSends:N0}", $"{causal.TrainHolds:N0}", $"{causal.ValidationDecisions:N0}", causal.MeanPredictedEffect.ToString("F3", CultureInfo.InvariantCulture)));
        }
        else
        {
            console.MarkupLine($"[yellow]No causal ranker[/]: {card.CausalRankerSkipped.EscapeMarkup()}; causal ranking arms rank by the engagement ranker.");
        }
        if (card.ColdStart is { } coldStart)
        {
            var stages = coldStart.Progression.Select(p => p.Stage).Distinct().ToArray();
            var plans = new Table().Title("cold start: mean plan (push / email per week) from a new member on its cohort's priors to 8+ weeks of history")
                .AddColumns(["cohort", .. stages]);
            foreach (var cohort in coldStart.Progression.GroupBy(p => p.Cohort))
            {
                plans.AddRow([cohort.Key, .. stages.Select(stage => cohort.FirstOrDefault(p => p.Stage == stage) is { } p && double.IsFinite(p.Push)
                    ? string.Create(CultureInfo.InvariantCulture, $"{p.Push:F1} / {p.Email:F1}")
                    : "-")]);
            }

            console.Write(plans);
        }

        var concavity = card.Concavity;
        console.MarkupLine(concavity.Where.Length == 0
            ? $"[green]Utility concave[/] in both frequencies for all {concavity.MembersChecked:N0} members checked."
            : $"[yellow]Utility {concavity.Where.EscapeMarkup()}[/] (largest upward bend {concavity.LargestViolation:G3} per message).");
        if (card.Promotion is { } check)
        {
            var comparison = string.Create(CultureInfo.InvariantCulture,
                $"its plans earned {check.Value:+0.000;-0.000} engaged days over two weeks against {check.ChampionValue:+0.000;-0.000} for {check.Champion}'s (difference {check.Improvement:G3} +- {check.StandardError:G3}), on {check.Matched:N0} and {check.ChampionMatched:N0} of {check.Rows:N0} held-out explored weeks");
            console.MarkupLine(check.Promoted
                ? $"[green]Promoted over {check.Champion.EscapeMarkup()}[/]: {comparison.EscapeMarkup()}."
                : $"[yellow]Not clearly better than {check.Champion.EscapeMarkup()}[/]: {comparison.EscapeMarkup()}; keep serving {check.Champion.EscapeMarkup()}.");
        }

        console.MarkupLine($"Saved in the store as {card.Version.EscapeMarkup()}; exported to {folder.EscapeMarkup()} (the lab's chart verb draws its reliability charts there)");
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex VersionName();
}
