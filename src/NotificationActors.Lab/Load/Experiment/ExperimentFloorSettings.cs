namespace NotificationActors.Lab.Load.Experiment;

/// <summary>What <c>load experiment-floor</c> was asked for.</summary>
/// <param name="Members">Floor grains called each day, and members of the experiment run beside them.</param>
/// <param name="Days">Days of the world's traffic each floor phase sends.</param>
/// <param name="StateBytes">Size of the state the durable floor writes per call.</param>
/// <param name="Concurrency">Calls in flight at once.</param>
/// <param name="ExperimentWeeks">Weeks of the real experiment run last; 0 leaves it out.</param>
/// <param name="Storage">The store of the floors' cluster and of the experiment: the experiment's default is memory.</param>
internal sealed record ExperimentFloorSettings(int Members, int Days, int StateBytes, int Concurrency, int ExperimentWeeks, Simulation.Experiment.ExperimentStorage Storage);
