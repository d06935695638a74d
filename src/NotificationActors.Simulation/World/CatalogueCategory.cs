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

    /// <summary>
    /// Share of the category's opens that go on to the title page, in [0, 1]; unset, the world's
    /// <see cref="WorldOptions.ClickGivenOpen"/>. A lure (a promotion opened out of curiosity) converts less than its opens
    /// suggest, which is where ranking by opens and ranking by effect part.
    /// </summary>
    public double? ClickGivenOpen { get; set; }

    /// <summary>
    /// How much of an open's attention carries to later days, relative to other categories' (1 by default, at most
    /// <see cref="WorldOptions.MaxCategoryCarryOver"/>): a reminder of a show in progress brings the member back more than a
    /// deal does.
    /// </summary>
    public double CarryOver { get; set; } = 1;

    /// <summary>A category with the given share and median taste.</summary>
    public static CatalogueCategory Of(string name, double weight, double meanTaste) => new() { Name = name, Weight = weight, MeanTaste = meanTaste };
}
