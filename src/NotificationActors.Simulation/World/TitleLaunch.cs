namespace NotificationActors.Simulation.World;

/// <summary>A title launch, shared by every member of the world: each member gets a launch opportunity for it.</summary>
/// <param name="Time">When the title launches (UTC).</param>
/// <param name="TitleId">The launched title, e.g. "launch-20260302-0".</param>
/// <param name="Category">The launch's category in the catalogue.</param>
/// <param name="CategoryIndex">Index of <paramref name="Category"/> in <see cref="SimulatedWorld.Categories"/>.</param>
public sealed record TitleLaunch(DateTimeOffset Time, string TitleId, string Category, int CategoryIndex);
