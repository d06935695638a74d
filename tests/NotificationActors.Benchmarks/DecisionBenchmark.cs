using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Policies;
using NotificationActors.Grains.Telemetry;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Baseline;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;

namespace NotificationActors.Benchmarks;

/// <summary>
/// The fast decision kernel: 50 candidates for one member at opportunities spread over a week. A decision
/// reads the member context and never writes it, so replaying opportunities is the steady state of a grain.
/// </summary>
[Throughput("decisions", 500_000)]
public class DecisionBenchmark
{
    private const int OpportunityCount = 256;
    private const int CandidateCount = 50;
    private const int Seed = 20260602;

    private static readonly IsoWeek Week = IsoWeek.Parse("2026-W20");
    private static readonly string[] ChannelNames = ["push", "email", "inapp"];
    private static readonly QuietHours Quiet = new(new TimeOnly(22, 0), new TimeOnly(8, 0));
    private static readonly string[] Categories =
        ["new-release", "continue-watching", "recommendation", "live-event", "social", "promo", "trailer", "account"];

    // The value barely matters: the baseline checks and scores every candidate before comparing the best to it.
    private readonly ThresholdPolicy _threshold = new(threshold: 0.5);
    private readonly FastPolicy _softmax = new();
    private readonly FastPolicy _greedy = new(options: new FastPolicyOptions { RankingTemperature = 0 });
    private Candidate[] _candidates = [];
    private Opportunity[] _opportunities = [];
    private MemberContext _member = null!;
    private Random _random = null!;
    private MemberTelemetry _telemetry = null!;
    private MeterListener? _meterListener;
    private ActivityListener? _activityListener;
    private long _observed;

    [GlobalSetup(Targets = [nameof(ThresholdDecide), nameof(FastDecideSoftmax), nameof(FastDecideGreedy), nameof(FastDecideWithTelemetry)])]
    public void Setup()
    {
        _telemetry = new MemberTelemetry(
            new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(),
            new PolicyEngine(new MemberGrainOptions(), new ParametricRewardModel()));
        var random = new Random(Seed);
        _random = new Random(Seed);
        _member = new MemberContext
        {
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"),
            OptedIn = ChannelSet.All,
            MutedCategories = new HashSet<string>(["promo", "social"], StringComparer.Ordinal),
            QuietHours = Quiet,
            SentMessageIds = new HashSet<string>(Enumerable.Range(0, 200).Select(i => $"msg-{i * 7}"), StringComparer.Ordinal),
            SentTitleIds = new HashSet<string>(Enumerable.Range(0, 20).Select(i => $"title-{i * 5}"), StringComparer.Ordinal),
            Budget = new ChannelCounts(Push: 5, Email: 2, InApp: 0),
            Sent = new ChannelCounts(Push: 1, Email: 0, InApp: 0),
            // The costliest gate: it weighs the rest of the week day by day.
            Pacing = PacingProfile.DayOfWeek,
            WeekEnd = Week.End,
        };

        _candidates = new Candidate[CandidateCount];
        for (var i = 0; i < CandidateCount; i++)
        {
            _candidates[i] = new Candidate(
                MessageId: $"msg-{1000 + i}",
                Channel: (Channel)(i % 3),
                Category: Categories[random.Next(Categories.Length)],
                TitleId: i % 4 == 0 ? null : $"title-{random.Next(100)}",
                Relevance: i % 10 == 0 ? double.NaN : random.NextDouble(),
                Priority: MessagePriority.Normal,
                ExpiresAt: Week.End.AddDays(7));
        }

        // Outside quiet hours in the member's zone, every day of the week, so each decision runs the full ranking path.
        _opportunities = new Opportunity[OpportunityCount];
        for (var i = 0; i < OpportunityCount; i++)
        {
            var local = DateTime.SpecifyKind(Week.Start.UtcDateTime, DateTimeKind.Unspecified)
                .AddDays(i % 7)
                .AddMinutes(random.Next(8 * 60, 22 * 60));
            var at = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, _member.TimeZone), TimeSpan.Zero);
            _opportunities[i] = new Opportunity(at, (OpportunityKind)random.Next(3));
        }
    }

    /// <summary>The same decisions with a meter listener and a sampling activity listener attached, as under an exporter.</summary>
    [GlobalSetup(Target = nameof(FastDecideWithTelemetryListened))]
    public void SetupListened()
    {
        Setup();
        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) => { if (ReferenceEquals(instrument.Meter, _telemetry.Meter)) listener.EnableMeasurementEvents(instrument); },
        };
        _meterListener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _observed, value));
        _meterListener.Start();
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MemberTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_activityListener);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _meterListener?.Dispose();
        _activityListener?.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = OpportunityCount)]
    public int ThresholdDecide()
    {
        var checksum = 0;
        foreach (var opportunity in _opportunities)
        {
            checksum += _threshold.Decide(_member, opportunity.At, opportunity.Kind, _candidates).CandidateIndex;
        }

        return checksum;
    }

    [Benchmark(OperationsPerInvoke = OpportunityCount)]
    public int FastDecideSoftmax() => DecideAll(_softmax);

    [Benchmark(OperationsPerInvoke = OpportunityCount)]
    public int FastDecideGreedy() => DecideAll(_greedy);

    /// <summary>What the grain adds per decision: a span and the decision and send counters. No listener: near free.</summary>
    [Benchmark(OperationsPerInvoke = OpportunityCount)]
    public int FastDecideWithTelemetry() => DecideAllWithTelemetry();

    [Benchmark(OperationsPerInvoke = OpportunityCount)]
    public int FastDecideWithTelemetryListened() => DecideAllWithTelemetry();

    private int DecideAllWithTelemetry()
    {
        var checksum = 0;
        foreach (var opportunity in _opportunities)
        {
            using var activity = MemberTelemetry.Source.StartActivity("member.offer");
            var decision = _softmax.Decide(_member, opportunity.At, opportunity.Kind, _candidates, _random);
            var channel = decision.Send ? ChannelNames[(int)decision.Channel] : null;
            _telemetry.Decision(decision.Send, decision.Reason.ToWireName(), "hierarchical", channel);
            if (channel is not null)
            {
                _telemetry.Sent(channel, transactional: false);
            }

            checksum += decision.CandidateIndex;
        }

        return checksum;
    }

    private int DecideAll(FastPolicy policy)
    {
        var checksum = 0;
        foreach (var opportunity in _opportunities)
        {
            checksum += policy.Decide(_member, opportunity.At, opportunity.Kind, _candidates, _random).CandidateIndex;
        }

        return checksum;
    }
}
