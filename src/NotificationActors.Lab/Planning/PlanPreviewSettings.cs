using NotificationActors.Policy.Slow;

namespace NotificationActors.Lab.Planning;

/// <summary>What the <c>plan</c> verb was asked for.</summary>
/// <param name="Members">Synthetic members to plan.</param>
/// <param name="Seed">Seed of the population and of exploration.</param>
/// <param name="MessageCost">The universal message cost c.</param>
/// <param name="Exploration">How plans explore.</param>
/// <param name="Epsilon">Exploration share under epsilon-greedy.</param>
/// <param name="SvgPath">Where to write the heatmap as SVG, if anywhere.</param>
internal sealed record PlanPreviewSettings(int Members, int Seed, double MessageCost, ExplorationMode Exploration, double Epsilon, FileInfo? SvgPath);
