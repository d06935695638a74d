namespace NotificationActors.Simulation.Population;

/// <summary>The make-up of a synthetic population.</summary>
public sealed class PopulationOptions
{
    /// <summary>Default <see cref="CasualShare"/>.</summary>
    public const double DefaultCasualShare = 0.45;

    /// <summary>Default <see cref="HeavyShare"/>.</summary>
    public const double DefaultHeavyShare = 0.2;

    /// <summary>Default <see cref="PushOptInShare"/>: app users who allowed notifications.</summary>
    public const double DefaultPushOptInShare = 0.75;

    /// <summary>Default <see cref="EmailOptInShare"/>.</summary>
    public const double DefaultEmailOptInShare = 0.85;

    /// <summary>Share of casual viewers; regular viewers make up the rest after heavy ones.</summary>
    public double CasualShare { get; set; } = DefaultCasualShare;

    /// <summary>Share of heavy viewers.</summary>
    public double HeavyShare { get; set; } = DefaultHeavyShare;

    /// <summary>Share of members who accept push.</summary>
    public double PushOptInShare { get; set; } = DefaultPushOptInShare;

    /// <summary>Share of members who accept email.</summary>
    public double EmailOptInShare { get; set; } = DefaultEmailOptInShare;

    /// <summary>Throws naming the first share out of range.</summary>
    public void Validate()
    {
        foreach (var (name, share) in new[]
        {
            (nameof(CasualShare), CasualShare), (nameof(HeavyShare), HeavyShare),
            (nameof(PushOptInShare), PushOptInShare), (nameof(EmailOptInShare), EmailOptInShare),
        })
        {
            if (share is < 0 or > 1 || double.IsNaN(share))
            {
                throw new ArgumentOutOfRangeException(name, share, $"{name} must be in [0, 1].");
            }
        }

        if (CasualShare + HeavyShare > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CasualShare), "CasualShare and HeavyShare add up to more than 1.");
        }
    }
}
