using System.Globalization;
using NotificationActors.Lab.Charts;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Simulation.Population;
using Spectre.Console;

namespace NotificationActors.Lab.Planning;

/// <summary>
/// Plans a synthetic population with the slow policy and shows the distribution of plans, so the policy is
/// visible without a cluster: a summary per cohort (in-app caps included) and a push x email heatmap (in the terminal, and as SVG).
/// </summary>
internal static class PlanPreview
{
    private const int ProgressStep = 5_000;

    public static async Task<PlanDistribution> RunAsync(PlanPreviewSettings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var policy = new SlowPolicy(ActionGrid.Default, new ParametricRewardModel(), new SlowPolicyOptions
        {
            MessageCost = settings.MessageCost,
            Exploration = settings.Exploration,
            Epsilon = settings.Epsilon,
        });
        var distribution = new PlanDistribution(policy.Grid);
        var population = new SyntheticPopulation(settings.Seed);
        var workspace = policy.CreateWorkspace();
        var random = new Random(settings.Seed);

        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Planning members", maxValue: settings.Members);
                for (var i = 0; i < settings.Members; i++)
                {
                    var member = population.Next();
                    var choice = policy.Plan(member.Features, member.OptedIn, workspace, random);
                    distribution.Add(member.Cohort, choice, policy.InAppCap(member.Features, choice.Action, member.OptedIn, workspace).Cap);
                    if ((i + 1) % ProgressStep == 0 || i + 1 == settings.Members)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        task.Value = i + 1;
                        await Task.Yield();
                    }
                }
            });

        console.Write(CohortTable(distribution, policy));
        console.Write(Heatmap(distribution));
        if (settings.SvgPath is { } svg)
        {
            svg.Directory?.Create();
            var title = string.Create(CultureInfo.InvariantCulture, $"Weekly plans of {distribution.Members} synthetic members (c = {settings.MessageCost}, {settings.Exploration})");
            await File.WriteAllTextAsync(svg.FullName, PlanHeatmapChart.Render(distribution, title), cancellationToken);
            console.MarkupLineInterpolated($"Heatmap written to [blue]{svg.FullName}[/]");
        }

        return distribution;
    }

    private static Table CohortTable(PlanDistribution distribution, SlowPolicy policy)
    {
        var table = new Table()
            .Title($"Plans by cohort (model {Markup.Escape(policy.Model.Version)}, message cost {policy.Options.MessageCost.ToString(CultureInfo.InvariantCulture)})")
            .AddColumns("cohort", "members", "push / week", "email / week", "in-app cap", "no push or email", "explored", "mean utility");
        foreach (var (cohort, totals) in distribution.ByCohort())
        {
            table.AddRow(
                cohort.Key(),
                Format($"{totals.Members}"),
                Format($"{totals.Mean(totals.Push):F2}"),
                Format($"{totals.Mean(totals.Email):F2}"),
                Format($"{totals.Mean(totals.InApp):F2}"),
                Format($"{totals.Mean(totals.Silent):P1}"),
                Format($"{totals.Mean(totals.Explored):P1}"),
                Format($"{totals.Mean(totals.Utility):F3}"));
        }

        return table;
    }

    private static Table Heatmap(PlanDistribution distribution)
    {
        var grid = distribution.Grid;
        var table = new Table().Title("Share of members per plan (rows: pushes per week, columns: emails per week)");
        table.AddColumn("push \\ email");
        foreach (var email in grid.EmailLevels)
        {
            table.AddColumn(new TableColumn(Format($"{email}")).RightAligned());
        }

        var max = Math.Max(1, Enumerable.Range(0, grid.Count).Max(distribution.Count));
        foreach (var push in grid.PushLevels)
        {
            var cells = new List<string> { Format($"{push}") };
            foreach (var email in grid.EmailLevels)
            {
                var count = distribution.Count(grid.IndexOf(push, email));
                var share = (double)count / Math.Max(1, distribution.Members);
                var shade = (int)Math.Round(255 * (1 - ((double)count / max)));
                cells.Add(count == 0 ? "[grey]·[/]" : Format($"[black on #{shade:X2}{shade:X2}FF]{share * 100,5:F1}[/]"));
            }

            table.AddRow(cells.ToArray());
        }

        return table;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
