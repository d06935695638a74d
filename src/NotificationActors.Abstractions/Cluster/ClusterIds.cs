namespace NotificationActors.Abstractions.Cluster;

/// <summary>
/// The one rule for cluster ids, which the silos' <c>--cluster-id</c> and the Orleans client's
/// <c>NotificationActors:Client:ClusterId</c> share: a client joins only a cluster id a silo could have been given.
/// </summary>
public static class ClusterIds
{
    /// <summary>The cluster id of silos and clients not told another.</summary>
    public const string Default = "notification-actors";

    /// <summary>Longest cluster id.</summary>
    public const int MaxLength = 100;

    /// <summary>What is wrong with <paramref name="clusterId"/>, or null when it is a valid cluster id.</summary>
    public static string? Problem(string? clusterId) =>
        string.IsNullOrEmpty(clusterId) || clusterId.Length > MaxLength || !clusterId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? $"'{clusterId}' must be 1 to {MaxLength} letters, digits, '-', '_' or '.'."
            : null;
}
