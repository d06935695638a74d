namespace NotificationActors.FieldTrial.World;

/// <summary>What a member did with a message; each is reported to callers as the API's feedback type of the same name.</summary>
internal enum ReactionKind
{
    Delivered,
    Opened,
    Clicked,
    Played,
    Dismissed,
    OptedOut,
}
