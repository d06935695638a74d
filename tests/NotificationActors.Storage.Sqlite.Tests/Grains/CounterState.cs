namespace NotificationActors.Storage.Sqlite.Tests.Grains;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Value { get; set; }

    [Id(1)]
    public int Ticks { get; set; }
}
