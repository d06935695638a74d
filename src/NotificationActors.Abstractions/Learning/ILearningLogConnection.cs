namespace NotificationActors.Abstractions.Learning;

/// <summary>
/// A learning log opened outside a silo, by an offline job such as <c>train</c>: the caller owns its connections
/// and closes them by disposing it.
/// </summary>
public interface ILearningLogConnection : ILearningLog, IAsyncDisposable;
