using System.Globalization;
using Orleans.Storage;

namespace NotificationActors.Storage;

/// <summary>
/// The ETag of the project's own grain storages: the row's version as a number, none (0) before the first write, so
/// a write or clear names the version it expects and a stale one is refused as Orleans' own providers refuse it.
/// </summary>
public static class VersionETags
{
    /// <summary>The version <paramref name="etag"/> names, 0 for none; an ETag no storage of this kind gave is refused.</summary>
    public static long Parse(string? etag, string storage, string stateName, GrainId grainId) =>
        etag is null ? 0
        : long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0 ? version
        : throw new InconsistentStateException($"ETag '{etag}' of state '{stateName}' of grain {grainId} is not a version of grain storage '{storage}'.", null, etag);

    /// <summary>The refusal of a write or clear whose ETag is not the stored version (<paramref name="stored"/>, 0 for none).</summary>
    public static InconsistentStateException Conflict(string operation, string storage, string serviceId, string stateName, GrainId grainId, string? etag, long stored)
    {
        var storedETag = stored == 0 ? null : stored.ToString(CultureInfo.InvariantCulture);
        return new InconsistentStateException(
            $"Version conflict on {operation}: grain storage '{storage}', service {serviceId}, grain {grainId}, state '{stateName}': the caller had ETag '{etag ?? "none"}' but the store has '{storedETag ?? "none"}'.",
            storedETag,
            etag);
    }
}
