using Microsoft.Extensions.Configuration;

namespace NotificationActors.Silo.CommandLine;

/// <summary>
/// The configuration the verbs read their options from, as the silo's host reads its own: appsettings.json and
/// appsettings.{environment}.json in the configuration folder, then environment variables
/// (<c>NotificationActors__Silo__Storage</c>, <c>ConnectionStrings__postgres</c>), later sources winning.
/// </summary>
internal static class SiloConfiguration
{
    /// <summary>The settings file, listing every option with its default (beside the executable).</summary>
    public const string FileName = "appsettings.json";

    /// <summary>Reads the files in <paramref name="folder"/> and the environment.</summary>
    public static IConfigurationRoot Read(string folder)
    {
        // The host's environment name, as WebApplication resolves it (ASPNETCORE_ over DOTNET_).
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(folder)
            .AddJsonFile(FileName, optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
    }
}
