using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.Security;

/// <summary>
/// The configured API keys (<see cref="ApiOptions.ApiKeys"/>), held only as SHA-256 hashes and followed through
/// configuration reloads. A presented key is hashed and compared with every configured hash in constant time, so the
/// response time tells neither the key's length, nor how much of it matched, nor which key it was.
/// </summary>
internal sealed class ApiKeyRing : IDisposable
{
    /// <summary>Bytes of a key's fingerprint: enough that two configured keys never share one.</summary>
    private const int FingerprintBytes = 16;

    // Separates fingerprints from the comparison hashes, so neither stands in for the other.
    private static readonly byte[] FingerprintLabel = "NotificationActors dashboard session v1"u8.ToArray();

    private readonly IDisposable? _reload;
    private volatile ConfiguredKey[] _keys;

    public ApiKeyRing(IOptionsMonitor<ApiOptions> options)
    {
        _keys = Hash(options.CurrentValue);
        _reload = options.OnChange(changed => _keys = Hash(changed));
    }

    /// <summary>Whether any key is configured; without one the API and dashboards are open.</summary>
    public bool Enabled => _keys.Length > 0;

    /// <summary>The fingerprint of the configured key <paramref name="presented"/> equals, or null.</summary>
    /// <remarks>A fingerprint names a key inside a dashboard session without holding it (docs/api.md, Security).</remarks>
    public string? Match(string presented)
    {
        if (presented.Length == 0) return null;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? match = null;
        foreach (var key in _keys)
        {
            // No early exit: every key costs one comparison of two equal-length hashes.
            if (CryptographicOperations.FixedTimeEquals(key.Hash, hash)) match = key.Fingerprint;
        }

        return match;
    }

    /// <summary>Whether the key a session's fingerprint names is still configured.</summary>
    public bool IsConfigured(string fingerprint) => _keys.Any(key => string.Equals(key.Fingerprint, fingerprint, StringComparison.Ordinal));

    public void Dispose() => _reload?.Dispose();

    private static ConfiguredKey[] Hash(ApiOptions options) => options.ApiKeys.Select(key =>
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return new ConfiguredKey(hash, Convert.ToHexStringLower(HMACSHA256.HashData(FingerprintLabel, hash).AsSpan(0, FingerprintBytes)));
    }).ToArray();
}
