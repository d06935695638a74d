using System.Text;

namespace NotificationActors.Grains.Experiments;

/// <summary>
/// FNV-1a over UTF-8 with a 64-bit finaliser: the same value on every silo, process and .NET version
/// (string.GetHashCode is randomised). The finaliser spreads ids that differ only in their last characters.
/// </summary>
internal static class MemberHash
{
    public static ulong Of(string text) => Finish(Mix(Basis, text));

    /// <summary>The hash of <c>first + "|" + second</c>, without building that string (decisions hash one each).</summary>
    public static ulong Of(string first, string second) => Finish(Mix(Mix(Mix(Basis, first), "|"), second));

    private const ulong Basis = 14695981039346656037UL;

    private static ulong Mix(ulong hash, string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(text) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(text, buffer)] : Encoding.UTF8.GetBytes(text);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private static ulong Finish(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        return hash ^ (hash >> 33);
    }

    /// <summary>A point in [0, 1) for <paramref name="text"/>.</summary>
    public static double Unit(string text) => Unit(Of(text));

    /// <summary>A point in [0, 1) for a hash from <see cref="Of(string, string)"/>.</summary>
    public static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    /// <summary>A seed for <see cref="Random"/> from <paramref name="text"/>.</summary>
    public static int Seed(string text) => (int)(Of(text) & int.MaxValue);

    /// <summary>A seed for <see cref="Random"/> from <c>first + "|" + second</c>.</summary>
    public static int Seed(string first, string second) => (int)(Of(first, second) & int.MaxValue);
}
