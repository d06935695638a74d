using System.CommandLine;
using NotificationActors.Lab.Load;

namespace NotificationActors.Lab.CommandLine;

/// <summary>The lab executable's verbs: <c>simulate</c> (the policy experiment), <c>plan</c> (a plan preview), <c>chart</c> (charts of the silo's evaluate and train output) and <c>load</c> (the load runs).</summary>
internal static class LabCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("NotificationActors lab: policy experiments on the simulator, plan previews, charts and load runs, apart from the deployable silo.");
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(ChartCommand.Create());
        root.Subcommands.Add(LoadCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; the exit code is non-zero on a bad option or a failure.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default) =>
        Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error }, cancellationToken);
}
