namespace NotificationActors.Simulation.World;

/// <summary>A category of the simulated message catalogue.</summary>
public sealed class CatalogueCategory
{
    /// <summary>The category as candidates carry it (e.g. "new-release"); members can mute it by this name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Relative share of candidates in this category (positive; the catalogue's weights need not add up to 1).</summary>
    public double Weight { get; set; } = 1;

    /// <summary>Population median of a member's taste for the category, in (0, 1); members scatter around it.</summary>
    public double MeanTaste { get; set; } = 0.5;

    /// <summary>A category with the given share and median taste.</summary>
    public static CatalogueCategory Of(string name, double weight, double meanTaste) => new() { Name = name, Weight = weight, MeanTaste = meanTaste };
}
