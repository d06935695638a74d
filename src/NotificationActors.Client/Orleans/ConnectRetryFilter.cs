using Microsoft.Extensions.Logging;

namespace NotificationActors.Client.Orleans;

/// <summary>
/// Retries the client's start about every second until <see cref="NotificationActorsClientOptions.ConnectTimeout"/>
/// has passed, then fails naming the cluster and what was tried. Orleans' own filter retries 15 times with a growing
/// delay (about three minutes) and only on some errors; a database not yet reachable is worth retrying too.
/// </summary>
internal sealed partial class ConnectRetryFilter(ConnectTarget target, TimeProvider time, ILogger<ConnectRetryFilter> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // The filter is resolved as the client starts, just before its first attempt.
    private readonly long _started = time.GetTimestamp();
    private int _failures;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        _failures++;
        var remaining = target.Timeout - time.GetElapsedTime(_started);
        if (remaining <= TimeSpan.Zero)
        {
            throw new TimeoutException(
                $"Could not connect to the NotificationActors cluster '{target.ClusterId}' {target.Description} within {target.Timeout.TotalSeconds:0.#} s " +
                $"({_failures} attempts; {NotificationActorsClientOptions.Section}:ConnectTimeout). The last attempt failed: {exception.Message}",
                exception);
        }

        LogRetrying(logger, target.ClusterId, target.Description, _failures, exception.Message);
        await Task.Delay(remaining < RetryDelay ? remaining : RetryDelay, time, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connecting to the NotificationActors cluster '{ClusterId}' {Through} failed (attempt {Attempt}): {Error}; retrying.")]
    private static partial void LogRetrying(ILogger logger, string clusterId, string through, int attempt, string error);
}
