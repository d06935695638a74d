namespace NotificationActors.FieldTrial.World;

/// <summary>The three segments (<c>segments</c>); their shares add up to 1.</summary>
internal sealed record SegmentsOptions
{
    public required SegmentOptions Casual { get; init; }

    public required SegmentOptions Regular { get; init; }

    public required SegmentOptions Heavy { get; init; }

    /// <summary>Each segment with its JSON name, in <see cref="Segment"/> order.</summary>
    public IEnumerable<(string Name, SegmentOptions Options)> All => [("casual", Casual), ("regular", Regular), ("heavy", Heavy)];

    public SegmentOptions For(Segment segment) => segment switch
    {
        Segment.Casual => Casual,
        Segment.Regular => Regular,
        _ => Heavy,
    };
}
