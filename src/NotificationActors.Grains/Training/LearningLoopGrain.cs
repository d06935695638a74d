using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Grains.Members;
using NotificationActors.Learning.Serving;
using NotificationActors.Policy.Time;

namespace NotificationActors.Grains.Training;

/// <summary>
/// One hierarchical arm's <see cref="LearningLoop"/>, keyed by the arm's name. A weekly reminder advances it to the
/// next week <see cref="LearningLoopGrainOptions.AdvanceAhead"/> before that week starts, so members need not wait for a
/// training; a silo asking for a week the reminder has not reached yet advances it there and then. Each serving is
/// written before it is answered, and a loop that lost its activation resumes from the last one written.
/// </summary>
internal sealed partial class LearningLoopGrain(
    [PersistentState("learning-loop", MemberGrain.StorageName)] IPersistentState<LearningLoopState> state,
    ILearningLog log,
    IModelStore store,
    MemberClock clock,
    IOptions<MemberGrainOptions> members,
    IOptions<LearningLoopGrainOptions> options,
    ILogger<LearningLoopGrain> logger) : Grain, ILearningLoopGrain, IRemindable
{
    /// <summary>Servings kept: two months of weeks, enough for any member planning late.</summary>
    public const int MaxServings = 8;

    /// <summary>The reminder that advances the loop ahead of each week.</summary>
    public const string AdvanceReminder = "advance";

    private LearningLoop? _loop;

    // The arm the loop serves, found when the grain activates.
    private Experiments.ArmOptions _arm = null!;

    private string Arm => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _arm = members.Value.Arms.FirstOrDefault(a => a.Name == Arm) is { Policy: Experiments.ArmPolicy.Hierarchical } arm
            ? arm
            : throw new InvalidOperationException($"There is no hierarchical arm '{Arm}' to run a learning loop for.");

        var next = IsoWeek.Containing(clock.Now).Next().Start - options.Value.AdvanceAhead;
        while (next <= clock.Now) next = next.AddDays(7);
        await this.RegisterOrUpdateReminder(AdvanceReminder, next - clock.Now, TimeSpan.FromDays(7), cancellationToken);
    }

    public async Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status)
    {
        if (reminderName == AdvanceReminder) await ServingFor(IsoWeek.Containing(clock.Now + options.Value.AdvanceAhead).ToString());
    }

    public async Task<LoopServing> ServingFor(string week)
    {
        var asked = IsoWeek.TryParse(week, out var parsed) ? parsed : throw new ArgumentException($"'{week}' is not an ISO week such as 2026-W48.", nameof(week));

        // Weeks only rise: a week past the next would leave every week before it with an older serving.
        var latest = IsoWeek.Containing(clock.Now + options.Value.AdvanceAhead);
        if (asked > latest) throw new ArgumentException($"Week {asked} has not come yet; the loop serves up to {latest}.", nameof(week));
        var servings = state.State.Servings;
        if (servings.Count > 0 && asked <= IsoWeek.Parse(servings[^1].Week))
        {
            return servings.LastOrDefault(s => IsoWeek.Parse(s.Week) <= asked) ?? servings[0];
        }

        var loop = _loop ??= servings.Count == 0
            ? new LearningLoop(LoopOptions(), log, store, IsoWeek.Containing(asked.Start.AddDays(-7 * (options.Value.WindowWeeks + 1))))
            : await LearningLoop.ResumeAsync(LoopOptions(), log, store, servings[^1]);
        try
        {
            var serving = await loop.AdvanceAsync(asked);
            servings.Add(serving);
            if (servings.Count > MaxServings) servings.RemoveRange(0, servings.Count - MaxServings);
            await state.WriteStateAsync();
            LogServing(logger, Arm, serving.Week, serving.Summary);
            return serving;
        }
        catch
        {
            // The loop may have moved past what is written: the next request resumes from the written state.
            _loop = null;
            servings.RemoveAll(s => IsoWeek.Parse(s.Week) >= asked);
            throw;
        }
    }

    public Task<IReadOnlyList<LoopServing>> History() => Task.FromResult<IReadOnlyList<LoopServing>>([.. state.State.Servings]);

    private LearningLoopOptions LoopOptions()
    {
        var arm = _arm.Name;
        return new()
        {
            Arm = arm,
            WindowWeeks = options.Value.WindowWeeks,
            TrialWeeks = options.Value.TrialWeeks,
            ArmPricing = _arm.Pricing(),
            CausalRankingArms = members.Value.Rankings.Any(r => r.Ranker == Experiments.RankerKind.Causal),
            VersionName = week => $"{arm}-{week}",
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Learning loop of arm {Arm} serves week {Week}: {Summary}")]
    private static partial void LogServing(ILogger logger, string arm, string week, string summary);
}

/// <summary>The servings a learning loop made, oldest first.</summary>
[GenerateSerializer]
public sealed class LearningLoopState
{
    [Id(0)] public List<LoopServing> Servings { get; set; } = [];
}
