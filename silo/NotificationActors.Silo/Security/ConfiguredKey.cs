namespace NotificationActors.Silo.Security;

/// <summary>One configured API key as the ring keeps it: never the key itself.</summary>
/// <param name="Hash">SHA-256 of the key's UTF-8 bytes, compared in constant time.</param>
/// <param name="Fingerprint">What a dashboard session records of the key (hex of a truncated HMAC of the hash).</param>
internal sealed record ConfiguredKey(byte[] Hash, string Fingerprint);
