using Orleans.Serialization;
using Orleans.Storage;

namespace NotificationActors.Grains.Hosting;

/// <summary>
/// Orleans' binary format for grain state, written through the serializer's pooled buffer into one exact-size array.
/// Orleans' own storage serializer grows a fresh buffer by doubling on every write, which for a member's few
/// kilobytes of state allocates several times the payload per call.
/// </summary>
public sealed class BinaryStateSerializer(Serializer serializer) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(serializer.SerializeToArray(input));

    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return serializer.Deserialize<T>(input.ToMemory())!;
    }
}
