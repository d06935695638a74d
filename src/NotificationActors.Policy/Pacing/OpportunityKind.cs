namespace NotificationActors.Policy.Pacing;

/// <summary>What raised a send opportunity (docs/api.md <c>kind</c>).</summary>
public enum OpportunityKind : byte
{
    /// <summary>A scheduled daily slot.</summary>
    Daily,

    /// <summary>A title launch.</summary>
    Launch,

    /// <summary>The member opened the app.</summary>
    Session,
}
