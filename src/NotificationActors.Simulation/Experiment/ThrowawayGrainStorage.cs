using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using NotificationActors.Grains.Hosting;
using Orleans.Storage;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// The experiment's throwaway grain storage: each grain's state serialized in the given format, kept in memory the
/// experiment's in-process silos share, with an integer version as the ETag (a stale write throws
/// <see cref="InconsistentStateException"/>, as the durable stores do). Written by hand because Orleans' memory
/// storage sends every write as a grain call to one of its storage grains, whose codec copies the state byte by byte:
/// measured on the experiment, that cost more processor time per member-day than the member's own decisions.
/// </summary>
/// <param name="states">The states by grain and state name, shared by the cluster's silos.</param>
/// <param name="serializer">The stored format (the member grains' own, as on a durable store).</param>
internal sealed class ThrowawayGrainStorage(ConcurrentDictionary<(GrainId, string), ThrowawayGrainStorage.Stored> states, IGrainStorageSerializer serializer) : IGrainStorage
{
    // Each thread serializes into its own buffer, then copies into the grain's under its lock: a write allocates
    // nothing when the serializer can write into a buffer (the member grains' can), and a serializer that throws
    // leaves the stored bytes whole.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _scratch;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!states.TryGetValue((grainId, stateName), out var stored))
        {
            (grainState.State, grainState.ETag, grainState.RecordExists) = (Activator.CreateInstance<T>(), null, false);
            return Task.CompletedTask;
        }

        lock (stored)
        {
            grainState.State = stored.Exists ? serializer.Deserialize<T>(stored.Payload) ?? Activator.CreateInstance<T>() : Activator.CreateInstance<T>();
            (grainState.ETag, grainState.RecordExists) = (ETag(stored.Version), stored.Exists);
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var scratch = _scratch ??= new ArrayBufferWriter<byte>(8 * 1024);
        scratch.ResetWrittenCount();
        if (serializer is IBufferedStateSerializer buffered)
        {
            buffered.Serialize(grainState.State, scratch);
        }
        else
        {
            scratch.Write(serializer.Serialize(grainState.State).ToMemory().Span);
        }

        var stored = states.GetOrAdd((grainId, stateName), _ => new Stored());
        lock (stored)
        {
            stored.Replace(grainId, grainState.ETag, scratch.WrittenSpan, exists: true);
            (grainState.ETag, grainState.RecordExists) = (ETag(stored.Version), true);
        }

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = states.GetOrAdd((grainId, stateName), _ => new Stored());
        lock (stored)
        {
            stored.Replace(grainId, grainState.ETag, [], exists: false);
            (grainState.State, grainState.ETag, grainState.RecordExists) = (Activator.CreateInstance<T>(), ETag(stored.Version), false);
        }

        return Task.CompletedTask;
    }

    // Version 0: never written.
    private static string? ETag(long version) => version == 0 ? null : version.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// One grain's state: its bytes in a buffer reused by every write (a member's state is written daily and lives
    /// until the next write, so a fresh array each time would outlive the young generations and churn the old one),
    /// and its version: 0 before the first write, and bumped by every write and clear, so a writer that read before a
    /// clear is refused as the durable stores refuse it.
    /// </summary>
    internal sealed class Stored
    {
        // About a member's state after a few weeks.
        private const int MinBuffer = 6 * 1024;

        private byte[] _buffer = [];
        private int _length;

        public long Version { get; private set; }

        public bool Exists { get; private set; }

        public BinaryData Payload => new(_buffer.AsMemory(0, _length));

        // Takes the new state (or, with exists false, none) if the caller's ETag is the stored version; the caller holds the lock.
        public void Replace(GrainId grainId, string? etag, ReadOnlySpan<byte> payload, bool exists)
        {
            var expected = etag is null ? 0 : long.Parse(etag, CultureInfo.InvariantCulture);
            if (expected != Version)
            {
                throw new InconsistentStateException($"The state of {grainId} changed since it was read (ETag {etag ?? "none"}).", etag ?? "", ETag(Version) ?? "");
            }

            if (!exists)
            {
                // Clearing a state never written leaves nothing to bump.
                if (Version > 0) (Version, Exists, _length) = (Version + 1, false, 0);
                return;
            }

            // Half again, in whole kilobytes, and at least MinBuffer: a member's state grows day by day through its first
            // weeks, and smaller headroom was outgrown every few days (the buffers' reallocation was a sixteenth of the
            // days' allocation in a three-week run).
            if (_buffer.Length < payload.Length) _buffer = new byte[Math.Max(MinBuffer, (payload.Length + (payload.Length / 2) + 1023) & ~1023)];
            payload.CopyTo(_buffer);
            (Version, Exists, _length) = (Version + 1, true, payload.Length);
        }
    }
}
