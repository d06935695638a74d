using System.Globalization;
using System.Security.Cryptography;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Storage.Sqlite.CrashWriter;

/// <summary>The writer's states and acknowledgements: each state carries a checksum of its own content, so a torn write shows.</summary>
public static class CrashPayload
{
    public const string StateName = "crash";

    public static GrainId Grain(int index) => GrainId.Create("crash-writer", index.ToString(CultureInfo.InvariantCulture));

    public static SuiteState Create(int sequence, Random random)
    {
        var blob = new byte[random.Next(1024, 16 * 1024)];
        random.NextBytes(blob);
        return new SuiteState { Counter = sequence, Blob = blob, Text = Checksum(sequence, blob) };
    }

    public static bool IsWhole(SuiteState state) => state.Counter == 0 || state.Text == Checksum(state.Counter, state.Blob);

    public static string Ack(int grain, int sequence) => string.Create(CultureInfo.InvariantCulture, $"ack {grain} {sequence}");

    public static bool TryParseAck(string line, out int grain, out int sequence)
    {
        grain = sequence = 0;
        var parts = line.Split(' ');
        return parts is ["ack", _, _]
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out grain)
            && int.TryParse(parts[2], CultureInfo.InvariantCulture, out sequence);
    }

    private static string Checksum(int sequence, byte[] blob) =>
        Convert.ToHexString(SHA256.HashData([.. BitConverter.GetBytes(sequence), .. blob]));
}
