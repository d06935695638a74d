using System.Buffers;

namespace NotificationActors.Abstractions.Members;

/// <summary>
/// The one rule for member ids, applied by the HTTP routes, the imports, the grain and both clients: 1..128 characters
/// of [A-Za-z0-9._:-] with at least one letter or digit. An id of dots alone would be a path segment ("." or "..")
/// that no URL can address, so a member stored under it could never be read or deleted.
/// </summary>
public static class MemberIds
{
    /// <summary>Longest member id.</summary>
    public const int MaxLength = 128;

    /// <summary>The characters every id of the API is made of (members, messages, titles, opportunities, events).</summary>
    public static SearchValues<char> IdCharacters { get; } = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");

    private static readonly SearchValues<char> LettersAndDigits = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>What is wrong with <paramref name="memberId"/>, or null when it is a valid member id.</summary>
    public static string? Problem(string? memberId) => memberId switch
    {
        null => "Required.",
        { Length: 0 or > MaxLength } => $"'{Shown(memberId)}' is not 1..{MaxLength} characters.",
        _ when memberId.AsSpan().ContainsAnyExcept(IdCharacters) => $"'{Shown(memberId)}' is not 1..{MaxLength} characters of [A-Za-z0-9._:-].",
        _ when !memberId.AsSpan().ContainsAny(LettersAndDigits) => $"'{memberId}' has no letter or digit.",
        _ => null,
    };

    /// <summary>Throws a <see cref="MemberRequestRefusedException"/> naming <c>memberId</c> when the id is not valid.</summary>
    public static void ThrowIfInvalid(string? memberId)
    {
        if (Problem(memberId) is { } problem)
        {
            throw new MemberRequestRefusedException(MemberRefusal.Invalid, $"Invalid member id: memberId: {problem}", new Dictionary<string, string[]> { ["memberId"] = [problem] });
        }
    }

    private static string Shown(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
