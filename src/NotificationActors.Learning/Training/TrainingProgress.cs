namespace NotificationActors.Learning.Training;

/// <summary>Where a training run is: its stage and the learning-log records read so far.</summary>
public readonly record struct TrainingProgress(string Stage, int RecordsRead);
