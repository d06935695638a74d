namespace NotificationActors.Client.Tests;

/// <summary>Where this build of the repository is: its root, and the configuration the tests were built in.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug: the tests run from <c>bin/&lt;configuration&gt;/&lt;framework&gt;/</c>.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>The folder a project of the repository was built to, in this configuration.</summary>
    public static string Output(string project) => Path.Combine(Root, project, "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "NotificationActors.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No NotificationActors.sln above {AppContext.BaseDirectory}.");
    }
}
