using System.Net;

namespace NotificationActors.Client.Http;

/// <summary>The API refused a request: the status and the problem's field errors (docs/api.md: every error names each bad field).</summary>
public sealed class NotificationActorsApiException : Exception
{
    public NotificationActorsApiException()
    {
    }

    public NotificationActorsApiException(string message)
        : base(message)
    {
    }

    public NotificationActorsApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NotificationActorsApiException(HttpStatusCode status, string message, IReadOnlyDictionary<string, string[]> errors)
        : base(message)
    {
        Status = status;
        Errors = errors;
    }

    public HttpStatusCode Status { get; }

    /// <summary>Each bad field with its messages; empty when the problem names none (401, 413, 500).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = new Dictionary<string, string[]>();
}
