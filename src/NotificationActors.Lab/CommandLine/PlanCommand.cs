using NotificationActors.Tooling.CommandLine;
using System.CommandLine;
using NotificationActors.Policy.Slow;
using NotificationActors.Lab.Planning;

namespace NotificationActors.Lab.CommandLine;

/// <summary><c>plan</c>: plan a synthetic population with the slow policy and show the distribution of plans.</summary>
internal static class PlanCommand
{
    private const int MaxMembers = 10_000_000;

    // A cost of a week's engagement per message already silences everyone; larger values are typos.
    private const double MaxMessageCost = 7;

    public static Command Create()
    {
        var members = BoundedOptions.Create("--members", "Synthetic members to plan.", 100_000, 1, MaxMembers);
        var seed = BoundedOptions.Create("--seed", "Seed of the population and of exploration.", 1, int.MinValue, int.MaxValue);
        var messageCost = BoundedOptions.Create("--message-cost", "The universal cost of one message, in engaged days.", SlowPolicyOptions.DefaultMessageCost, 0.0, MaxMessageCost);
        var exploration = new Option<string>("--exploration")
        {
            Description = "greedy, epsilon or softmax.",
            DefaultValueFactory = _ => "epsilon",
        };
        exploration.AcceptOnlyFromAmong("greedy", "epsilon", "softmax");
        var epsilon = BoundedOptions.Create("--epsilon", "Share of plans drawn at random under epsilon exploration.", SlowPolicyOptions.DefaultEpsilon, 0.0, 1.0);
        var svg = new Option<FileInfo?>("--svg") { Description = "Also write the push x email heatmap to this SVG file." };

        var command = new Command("plan", "Plan a synthetic population with the slow policy and print the distribution of plans.")
        {
            members, seed, messageCost, exploration, epsilon, svg,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = new PlanPreviewSettings(
                parseResult.GetValue(members),
                parseResult.GetValue(seed),
                parseResult.GetValue(messageCost),
                parseResult.GetRequiredValue(exploration) switch
                {
                    "greedy" => ExplorationMode.Greedy,
                    "softmax" => ExplorationMode.Softmax,
                    _ => ExplorationMode.EpsilonGreedy,
                },
                parseResult.GetValue(epsilon),
                parseResult.GetValue(svg));
            await PlanPreview.RunAsync(settings, LabConsole.For(parseResult), cancellationToken);
            return 0;
        });
        return command;
    }
}
