namespace NotificationActors.Abstractions.Members;

/// <summary>
/// A member grain refused a call before changing anything: why, and each field at fault with its messages. An
/// <see cref="ArgumentException"/>, so callers that catch those still do.
/// </summary>
[GenerateSerializer]
public sealed class MemberRequestRefusedException : ArgumentException
{
    public MemberRequestRefusedException()
    {
    }

    public MemberRequestRefusedException(string message)
        : base(message)
    {
    }

    public MemberRequestRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MemberRequestRefusedException(MemberRefusal refusal, string message, IReadOnlyDictionary<string, string[]> errors)
        : base(message)
    {
        Refusal = refusal;
        Errors = new Dictionary<string, string[]>(errors, StringComparer.Ordinal);
    }

    [Id(0)]
    public MemberRefusal Refusal { get; private set; }

    /// <summary>Each field at fault, by its JSON path (e.g. <c>opportunities[2].time</c>), with its messages.</summary>
    [Id(1)]
    public Dictionary<string, string[]> Errors { get; private set; } = [];
}
