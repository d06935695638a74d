using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Grains.Calibration;
using NotificationActors.Grains.Learning;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Policies;
using NotificationActors.Grains.Telemetry;
using NotificationActors.Grains.Training;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Slow;
using NotificationActors.Storage;
using Orleans.Configuration;
using Orleans.Reminders;
using Orleans.Serialization;

namespace NotificationActors.Grains.Hosting;

/// <summary>Registers what member grains need on a silo.</summary>
public static class MemberGrainsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the policy engine, the member clock (the system clock unless one is registered), the reward model and
    /// the candidate scorer (the parametric model and the caller's relevance unless a trained version registered
    /// its own) and, when no other store registered one, an in-memory learning log. Options are validated at start.
    /// </summary>
    public static ISiloBuilder AddMemberGrains(this ISiloBuilder builder, Action<MemberGrainOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // A configured list of arms replaces the default one: the binder alone would add to it (a second hierarchical arm).
        var options = services.AddOptions<MemberGrainOptions>()
            .Configure<IConfiguration>((o, configuration) =>
            {
                var section = configuration.GetSection(MemberGrainOptions.Section);
                if (section.GetSection(nameof(MemberGrainOptions.Arms)).GetChildren().Any()) o.Arms = [];
                if (section.GetSection(nameof(MemberGrainOptions.Rankings)).GetChildren().Any()) o.Rankings = [];
            })
            .BindConfiguration(MemberGrainOptions.Section);
        if (configure is not null) options.Configure(configure);
        services.AddTransient<IConfigurationValidator>(sp => new MemberGrainOptionsValidator(sp.GetRequiredService<IOptions<MemberGrainOptions>>().Value));
        services.TryAddSingleton<IRewardModel>(new ParametricRewardModel());
        services.TryAddSingleton<ICandidateScorer>(RelevanceScorer.Instance);
        services.TryAddSingleton(PopulationPriors.Default);
        services.TryAddSingleton<PolicyEngine>();
        services.TryAddSingleton<OptOutScales>();
        services.TryAddSingleton<OptOutTallies>();
        services.TryAddSingleton<MemberCalibration>();
        services.AddOptions<LearningLoopGrainOptions>().BindConfiguration(LearningLoopGrainOptions.Section);
        services.AddTransient<IConfigurationValidator>(sp => new LearningLoopOptionsValidator(sp.GetRequiredService<IOptions<LearningLoopGrainOptions>>().Value));
        services.TryAddSingleton<LoopServings>();
        services.AddMetrics();
        services.TryAddSingleton<MemberTelemetry>();
        services.TryAddSingleton(MemberClock.System);
        services.TryAddSingleton<ILearningLog, InMemoryLearningLog>();
        return builder;
    }

    /// <summary>
    /// Members plan and decide by <paramref name="members"/> and their weekly reminders fire by <paramref name="reminders"/>
    /// (the same clock unless given), while Orleans' own runtime keeps real time: the one wiring of a simulated or test
    /// clock. Weekly reminders stay loaded (a ten-day window), so a clock jump meets an armed timer instead of racing
    /// the table's refresh (a reminder loaded after its due time is skipped, as Orleans skips missed ticks).
    /// </summary>
    public static ISiloBuilder UseMemberTime(this ISiloBuilder builder, TimeProvider members, TimeProvider? reminders = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(members);
        builder.Services.AddSingleton(new MemberClock(members));
        builder.Services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, reminders ?? members);
        builder.Configure<ReminderOptions>(o => o.ReminderLoadingWindow = TimeSpan.FromDays(10));
        return builder;
    }

    /// <summary>
    /// The grain storage member grains persist through and the format their state is stored in
    /// (<see cref="BinaryStateSerializer"/>): state is written on every decision, and a binary layout costs a fraction
    /// of the default JSON with type names. Every store the silo, the cluster tests and the experiment use writes it.
    /// </summary>
    public static GrainStateStorage MemberState { get; } = new(MemberGrain.StorageName, services =>
    {
        var options = services.GetRequiredService<IOptions<MemberGrainOptions>>().Value;
        return new BinaryStateSerializer(services.GetRequiredService<Serializer>(), options.CompactState, options.CompactLayout);
    });

    private sealed class LearningLoopOptionsValidator(LearningLoopGrainOptions options) : IConfigurationValidator
    {
        public void ValidateConfiguration()
        {
            if (options.Problem() is { } problem) throw new OrleansConfigurationException($"{LearningLoopGrainOptions.Section}: {problem}");
        }
    }

    private sealed class MemberGrainOptionsValidator(MemberGrainOptions options) : IConfigurationValidator
    {
        public void ValidateConfiguration()
        {
            if (options.Problem() is { } problem)
            {
                throw new OrleansConfigurationException($"Invalid {MemberGrainOptions.Section}: {problem}");
            }
        }
    }
}
