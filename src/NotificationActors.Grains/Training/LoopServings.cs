using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Grains.Experiments;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Policies;
using NotificationActors.Learning.Serving;
using NotificationActors.Policy.Time;

namespace NotificationActors.Grains.Training;

/// <summary>
/// A silo's side of the learning loop: before its members plan a week, it asks the loop grain once what the week plans
/// with, loads those versions from the model store and serves them (the first hierarchical arm's loop serves every
/// hierarchical arm, as the policy engine serves one model). Later calls of the week wait for that. If the loop or the
/// store cannot answer, the week plans with what was serving (logged): a plan is never refused for want of a model.
/// </summary>
public sealed partial class LoopServings
{
    private readonly PolicyEngine _engine;
    private readonly IGrainFactory _grains;
    private readonly IModelStore? _store;
    private readonly ILogger<LoopServings> _logger;
    private readonly ArmOptions? _arm;
    private readonly Lock _gate = new();

    // The latest week asked for, and the task serving it.
    private IsoWeek? _week;
    private Task _serving = Task.CompletedTask;

    /// <summary>The serving side for the silo's engine; off unless the loop is enabled, a hierarchical arm exists and the silo has a model store.</summary>
    public LoopServings(PolicyEngine engine, IGrainFactory grains, IOptions<MemberGrainOptions> members, IOptions<LearningLoopGrainOptions> options, ILogger<LoopServings> logger, IModelStore? store = null)
    {
        (_engine, _grains, _store, _logger) = (engine, grains, store, logger);
        _arm = options.Value.Enabled && store is not null ? members.Value.Arms.FirstOrDefault(a => a.Policy == ArmPolicy.Hierarchical) : null;
    }

    /// <summary>Whether the loop serves this silo's hierarchical plans.</summary>
    public bool Enabled => _arm is not null;

    /// <summary>Serves what week <paramref name="week"/> plans with, once per week; a week before the latest changes nothing.</summary>
    public Task EnsureAsync(IsoWeek week)
    {
        if (_arm is null) return Task.CompletedTask;
        lock (_gate)
        {
            if (_week is { } latest && week <= latest) return _serving;
            _week = week;
            return _serving = ServeAsync(_arm, week);
        }
    }

    private async Task ServeAsync(ArmOptions arm, IsoWeek week)
    {
        try
        {
            var serving = await _grains.GetGrain<ILearningLoopGrain>(arm.Name).ServingFor(week.ToString());
            var served = await ServedLoop.LoadAsync(serving, _store!, arm.Pricing());
            _engine.Serve(served.Champion, served.Scorer, served.Priors, messageCost: served.MessageCost, causal: served.Causal);
            _engine.Challenge(served.Challenger, messageCost: served.ChallengerMessageCost);
            _engine.ChallengeRanker(served.CausalChallenger);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogServingFailed(_logger, e, arm.Name, week.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The learning loop of arm {Arm} could not serve week {Week}; its plans keep the models serving")]
    private static partial void LogServingFailed(ILogger logger, Exception exception, string arm, string week);
}
