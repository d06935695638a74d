using System.Buffers;
using Orleans.Storage;

namespace NotificationActors.Grains.Hosting;

/// <summary>
/// A grain storage serializer that also writes into the caller's buffer, so a store that keeps each grain's bytes in a
/// buffer of its own fills it without an intermediate array per write.
/// </summary>
public interface IBufferedStateSerializer : IGrainStorageSerializer
{
    /// <summary>Appends <paramref name="input"/>'s stored form to <paramref name="output"/>: the bytes <see cref="IGrainStorageSerializer.Serialize{T}"/> returns.</summary>
    void Serialize<T>(T? input, IBufferWriter<byte> output);
}
