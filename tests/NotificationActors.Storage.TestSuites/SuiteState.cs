namespace NotificationActors.Storage.TestSuites;

/// <summary>The state the suites store: a counter, some text and an optional blob for large-state tests.</summary>
[GenerateSerializer]
public sealed record SuiteState
{
    [Id(0)]
    public int Counter { get; init; }

    [Id(1)]
    public string Text { get; init; } = "";

    [Id(2)]
    public byte[] Blob { get; init; } = [];
}
