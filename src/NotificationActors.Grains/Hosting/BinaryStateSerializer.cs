using System.Buffers;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Members.Format;
using Orleans.Serialization;
using Orleans.Storage;

namespace NotificationActors.Grains.Hosting;

/// <summary>
/// Binary grain state: the member state in its own compact layout (<see cref="MemberStateFormat"/>), anything else
/// in Orleans' binary format, written through the serializer's pooled buffer into one exact-size array (Orleans' own
/// storage serializer grows a fresh buffer by doubling on every write). Member state Orleans wrote is still read;
/// with <paramref name="compactMemberState"/> false member state is written in Orleans' format too, for silos of a
/// version that cannot read the compact layout (<see cref="MemberGrainOptions.CompactState"/>), and with
/// <paramref name="layout"/> in an earlier compact layout, for silos of a version that reads no later one
/// (<see cref="MemberGrainOptions.StateLayout"/>).
/// </summary>
public sealed class BinaryStateSerializer(Serializer serializer, bool compactMemberState = true, byte layout = MemberStateFormat.Version12) : IBufferedStateSerializer
{
    private readonly byte _layout = layout;

    public BinaryData Serialize<T>(T? input) => compactMemberState && input is MemberState member
        ? new BinaryData(MemberStateFormat.Write(member, _layout))
        : new BinaryData(serializer.SerializeToArray(input));

    public void Serialize<T>(T? input, IBufferWriter<byte> output)
    {
        if (compactMemberState && input is MemberState member)
        {
            MemberStateFormat.Write(member, output, _layout);
        }
        else
        {
            serializer.Serialize(input, output);
        }
    }

    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var payload = input.ToMemory();
        return typeof(T) == typeof(MemberState) && MemberStateFormat.Owns(payload.Span)
            ? (T)(object)MemberStateFormat.Read(payload.Span)
            : serializer.Deserialize<T>(payload)!;
    }
}
