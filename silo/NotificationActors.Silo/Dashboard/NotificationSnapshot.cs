namespace NotificationActors.Silo.Dashboard;

/// <summary>One silo's counts for the notifications page (or their sum over the cluster).</summary>
/// <param name="At">When the counts were read.</param>
/// <param name="SeriesStart">The start of the first point of <paramref name="SendsOverTime"/>; points follow every <paramref name="BucketSeconds"/>.</param>
/// <param name="PlansByAction">Weekly plans by action (<c>{push}x{email}</c>, or <c>none</c> for the baseline arm).</param>
/// <param name="SendsByChannel">Sends by channel.</param>
/// <param name="Reasons">Decisions by reason.</param>
/// <param name="OptOutsByChannel">Opt-outs by channel.</param>
/// <param name="Arms">Plans, decisions and sends by pacing arm.</param>
/// <param name="Rankings">Decisions and sends by ranking arm.</param>
/// <param name="SendsOverTime">Sends per bucket by channel, oldest first.</param>
/// <param name="BucketSeconds">Width of one point of <paramref name="SendsOverTime"/>.</param>
[GenerateSerializer, Immutable]
internal sealed record NotificationSnapshot(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] DateTimeOffset SeriesStart,
    [property: Id(2)] IReadOnlyDictionary<string, long> PlansByAction,
    [property: Id(3)] IReadOnlyDictionary<string, long> SendsByChannel,
    [property: Id(4)] IReadOnlyDictionary<string, long> Reasons,
    [property: Id(5)] IReadOnlyDictionary<string, long> OptOutsByChannel,
    [property: Id(6)] IReadOnlyDictionary<string, Dictionary<string, long>> Arms,
    [property: Id(7)] IReadOnlyDictionary<string, Dictionary<string, long>> Rankings,
    [property: Id(8)] IReadOnlyDictionary<string, long[]> SendsOverTime,
    [property: Id(9)] long BucketSeconds);
