using NotificationActors.Abstractions.Members;
using System.Runtime.ExceptionServices;

namespace NotificationActors.Silo.Apis;

/// <summary>
/// The lines of one import on their way to their grains: at most a fixed number at once, each counted into the report
/// as it finishes, and nothing kept per line, so an import's memory does not grow with its length.
/// </summary>
internal sealed class ImportWork(ImportReport report, int concurrency, int reportedErrors) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(concurrency, concurrency);
    private ExceptionDispatchInfo? _fault;

    /// <summary>Waits for a free slot, then applies the line in the background.</summary>
    public async ValueTask StartAsync(int line, Func<Task<bool>> apply, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        _ = ApplyAsync(line, apply);
    }

    /// <summary>Returns once every started line has finished (by taking every slot); rethrows a line's unexpected failure.</summary>
    public async Task DrainAsync()
    {
        // Not cancellable: the lines in flight release their slots whether or not the caller is still there.
        for (var i = 0; i < concurrency; i++)
        {
            await _slots.WaitAsync(CancellationToken.None);
        }

        _slots.Release(concurrency);
        _fault?.Throw();
    }

    public void Dispose() => _slots.Dispose();

    private async Task ApplyAsync(int line, Func<Task<bool>> apply)
    {
        try
        {
            if (await apply()) report.Accept();
            else report.Duplicate();
        }
        catch (MemberRequestRefusedException refused)
        {
            // The member's own checks (a time too old, a list full) name their field, as the single calls do.
            report.Reject(line, refused.Errors, reportedErrors);
        }
        catch (Exception e) when (e is ArgumentException or OrleansException or TimeoutException)
        {
            report.Reject(line, new Dictionary<string, string[]> { ["line"] = [e.Message] }, reportedErrors);
        }
        catch (Exception e)
        {
            // Kept for DrainAsync: a failure the API does not expect fails the import (500), not just its line.
            Interlocked.CompareExchange(ref _fault, ExceptionDispatchInfo.Capture(e), null);
        }
        finally
        {
            _slots.Release();
        }
    }
}
