namespace NotificationActors.Lab.Load.Flood;

/// <summary>What <c>load flood</c> was asked for.</summary>
/// <param name="Connections">Idle connections opened and held; half send nothing, half a partial request line.</param>
/// <param name="Seconds">How long they are held while <c>/healthz</c> is probed.</param>
internal sealed record FloodSettings(int Connections, int Seconds);
