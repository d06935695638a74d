using System.Globalization;
using NotificationActors.FieldTrial.Policies;
using NotificationActors.FieldTrial.Silo;
using NotificationActors.FieldTrial.World;

namespace NotificationActors.FieldTrial.Trial;

/// <summary>
/// One seed of the trial: the same members in three copies of the world (a paired design), one copy per policy,
/// lived day by day. Each day the baselines decide in the driver, then every silo member makes its call; at a week's
/// end the silo's plans are audited before its clock enters the next week.
/// </summary>
internal static class SeedTrial
{
    /// <param name="options">The trial.</param>
    /// <param name="seedIndex">Which of the trial's seeds (0 runs <see cref="TrialOptions.Seed"/>).</param>
    /// <param name="api">The silo.</param>
    /// <param name="forgetFirst">Whether the silo may hold the members already (a silo the trial did not start).</param>
    /// <param name="progress">Told after every day, with member-days of all seeds and policies.</param>
    /// <param name="cancellationToken">Stops the trial.</param>
    public static async Task<SeedResult> RunAsync(
        TrialOptions options, int seedIndex, SiloApi api, bool forgetFirst, Action<TrialProgress>? progress, CancellationToken cancellationToken)
    {
        var seed = options.Seed + seedIndex;
        var population = new Population(options.World, seed, options.Members);
        BaselineArm[] baselines = [new(new NeverPolicy(), population), new(new TwiceAWeekPolicy(), population)];
        var silo = new SiloArm(api, population, options.Concurrency);
        var days = options.Weeks * 7;
        var policies = baselines.Length + 1;
        var perSeed = (long)days * options.Members * policies;
        var (doneBefore, total) = (seedIndex * perSeed, options.Seeds * perSeed);
        progress?.Invoke(new TrialProgress(Stage(seed, "setting up members"), doneBefore, total));
        await silo.StartAsync(forgetFirst, cancellationToken);

        for (var day = 0; day < days; day++)
        {
            foreach (var baseline in baselines)
            {
                baseline.LiveDay(day);
            }

            await silo.LiveDayAsync(day, cancellationToken);
            if (day % 7 == 6)
            {
                await silo.AuditWeekAsync(cancellationToken);
            }

            await silo.EndDayAsync(day, cancellationToken);
            var done = doneBefore + ((long)(day + 1) * options.Members * policies);
            progress?.Invoke(new TrialProgress(Stage(seed, string.Create(CultureInfo.InvariantCulture, $"week {(day / 7) + 1} of {options.Weeks}")), done, total));
        }

        return new SeedResult(
            seed,
            [
                .. baselines.Select(b => (b.Name, PolicyResult.Of(b.Participants, options.Weeks))),
                (SiloArm.Name, PolicyResult.Of(silo.Participants, options.Weeks)),
            ],
            silo.Audit.Counts());
    }

    private static string Stage(int seed, string what) => string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {what}");
}
