namespace NotificationActors.Lab.Load.Members;

/// <summary>What <c>load idle-members</c> was asked for.</summary>
/// <param name="Members">Distinct members written once each; as many never-created members are read.</param>
/// <param name="Concurrency">Requests in flight at once.</param>
/// <param name="CollectionAgeSeconds">The silo's grain collection age: how long an activation stays idle before Orleans collects it.</param>
/// <param name="Waves">Rounds of distinct members, each left idle until collected and Orleans' entries for them expired.</param>
internal sealed record IdleMembersSettings(int Members, int Concurrency, int CollectionAgeSeconds, int Waves);
