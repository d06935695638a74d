namespace NotificationActors.FieldTrial.World;

/// <summary>What a random number is for: each purpose has its own stream, so adding a draw of one kind shifts no other.</summary>
internal enum Draw
{
    Segment,
    VisitLogit,
    Interest,
    Tenure,
    Prehistory,
    Category,
    Title,
    RelevanceNoise,
    Open,
    Click,
    Play,
    Dismiss,
    OptOut,
    ReactionDelay,
    Visit,
    VisitTime,
    Minutes,
    OrganicPlay,
}
