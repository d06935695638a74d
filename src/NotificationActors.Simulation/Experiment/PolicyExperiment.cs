using System.Diagnostics;
using System.Globalization;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Experiments;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Policies;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;
using NotificationActors.Simulation.World;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// The policy experiment: hidden members of a simulated world through the real member grains of an Orleans test
/// cluster, every arm side by side on its own copy of the same members. Callers' traffic goes in as production
/// callers send it (opportunities, then feedback on what was sent, then the day's activity), the policies see
/// nothing else, and the outcomes are counted from the world's truth.
/// </summary>
public static class PolicyExperiment
{
    internal const string Hierarchical = "hierarchical";

    private static readonly int HierarchicalArm = ExperimentOptions.ArmNames.ToList().IndexOf(Hierarchical);

    /// <summary>Runs one seed.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static async Task<ExperimentRun> RunAsync(ExperimentOptions options, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var total = Stopwatch.StartNew();
        var timings = new ExperimentTimings();
        var names = options.ArmsRun;
        var threshold = CalibrateBaseline(options);
        var arms = Arms(options, threshold);
        var oracle = new SimulationOracle();
        var references = new GridReferences();
        var tally = new ExperimentTally(names, options.Weeks);
        var models = new List<string>();
        var verdicts = new TrialVerdicts(options.Weeks);
        var challengers = new string?[options.Weeks];
        var effects = options.Rankers.Contains(RankerKind.Causal) ? new EffectTruth() : null;
        IReadOnlyList<EffectCheck> effectChecks = [];
        var memberDays = (long)options.MembersPerArm * names.Count * options.Weeks * 7;
        var done = 0L;

        progress?.Report(new ExperimentProgress("starting the cluster", 0, memberDays));
        var phase = Stopwatch.StartNew();
        await using var cluster = await ExperimentCluster.StartAsync(options.Storage, options.Silos, options.Start, arms, Hierarchical, oracle, cancellationToken, options.RankingArms).ConfigureAwait(false);
        var participants = Participants(options, arms, oracle, cluster.Grains);
        var training = new HierarchicalTraining(cluster, options);
        try
        {
            SetOraclePlans(participants, oracle, IsoWeek.Containing(options.Start), timings, references);
            var exploring = options.ExplorationWeeks > 0;
            cluster.Serve(new ParametricRewardModel(), null, null, epsilon: exploring ? 1 : SlowPolicyOptions.DefaultEpsilon);
            models.Add(exploring ? "week 1: exploring, every plan at random" : "week 1: the parametric model");
            progress?.Report(new ExperimentProgress("importing members", 0, memberDays));
            await ForEachAsync(participants, options.Concurrency, async participant =>
            {
                tally.AddMember(participant.Arm, participant.Truth.Traits.Cohort);
                await ImportAsync(participant).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            timings.Setup = phase.Elapsed;

            for (var w = 0; w < options.Weeks; w++)
            {
                var weekStart = options.Start.AddDays(7 * w);
                var week = IsoWeek.Containing(weekStart);
                if (w > 0)
                {
                    phase.Restart();
                    progress?.Report(new ExperimentProgress(string.Create(CultureInfo.InvariantCulture, $"week {w + 1}: retraining"), done, memberDays));
                    (var served, challengers[w]) = await training.BeforeWeekAsync(w, cancellationToken).ConfigureAwait(false);
                    models.Add(string.Create(CultureInfo.InvariantCulture, $"week {w + 1}: {served}"));
                    timings.Training += phase.Elapsed;
                    SetOraclePlans(participants, oracle, week, timings, references);
                    oracle.ForgetBefore(week);
                }

                phase.Restart();
                var (allocated, processor, paused) = (GC.GetTotalAllocatedBytes(), Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalPauseDuration());
                for (var day = 0; day < 7; day++)
                {
                    var date = DateOnly.FromDateTime(weekStart.AddDays(day).UtcDateTime);

                    // Reminders due by then fire as the clock moves: weekly replans, spread over the week's first day.
                    cluster.SetTime(weekStart.AddDays(day));
                    var pass = new DayPass(date, w, day == 0 ? weekStart : null, day == 6, day == 6 && w == options.Weeks - 1, challengers[w], effects);
                    await SimulateDayAsync(participants, pass, options.Concurrency, tally, verdicts, timings, cancellationToken).ConfigureAwait(false);
                    done += participants.Count;
                    progress?.Report(new ExperimentProgress(string.Create(CultureInfo.InvariantCulture, $"week {w + 1} of {options.Weeks}"), done, memberDays));
                }

                timings.Days += phase.Elapsed;
                timings.DaysAllocatedBytes += GC.GetTotalAllocatedBytes() - allocated;
                timings.DaysProcessorTime += Process.GetCurrentProcess().TotalProcessorTime - processor;
                timings.DaysCollectorPauses += GC.GetTotalPauseDuration() - paused;
                timings.MemberDays += 7L * participants.Count;
            }

            if (effects is not null && await training.NewestCausalCardAsync(cancellationToken).ConfigureAwait(false) is { } card)
            {
                effectChecks = effects.Check(card);
            }
        }
        finally
        {
            training.Dispose();
        }

        for (var w = 0; w < models.Count; w++)
        {
            if (verdicts.Describe(w) is { } verdict) models[w] += "; " + verdict;
        }

        timings.Total = total.Elapsed;
        return new ExperimentRun(options.Seed, tally, timings, threshold, models, references)
        {
            RankingLayer = options.Rankers.Count > 1 ? RankingLayer.Measure(participants, names, [.. options.RankingArms.Select(r => r.Name)], options.Weeks) : null,
            EffectChecks = effectChecks,
        };
    }

    // The arms, then the schedules' arms, an equal share each (the last takes what rounding leaves); the baseline's
    // threshold hits the fixed arm's weekly sends.
    private static List<ArmOptions> Arms(ExperimentOptions options, double baselineThreshold)
    {
        var share = 1.0 / options.ArmsRun.Count;
        List<ArmOptions> arms =
        [
            new ArmOptions { Name = "fixed", Share = share, Policy = ArmPolicy.Fixed, FixedPush = options.FixedPush, FixedEmail = options.FixedEmail },
            new ArmOptions { Name = "baseline", Share = share, Policy = ArmPolicy.Baseline, BaselineThreshold = baselineThreshold },
            options.HierarchicalArm(share),
            new ArmOptions { Name = "oracle", Share = share, Policy = ArmPolicy.Oracle },
            .. options.Schedules.Select(s => new ArmOptions { Name = s.Name, Share = share, Policy = ArmPolicy.Fixed, FixedPush = s.Push, FixedEmail = s.Email, FixedInApp = s.InApp }),
        ];
        arms[^1].Share = 1 - (share * (arms.Count - 1));
        return arms;
    }

    // Every arm runs its own copy of the same hidden members (one world per arm, one seed). A copy is named so the
    // cluster's own allocation, a hash of the member id, puts it in its arm: the grains allocate as in production.
    private static List<Participant> Participants(ExperimentOptions options, List<ArmOptions> arms, SimulationOracle oracle, IReadOnlyList<IGrainFactory> grains)
    {
        var allocation = new PolicyEngine(new MemberGrainOptions { Arms = arms, Rankings = [.. options.RankingArms] }, new ParametricRewardModel(), oracle: oracle);
        var participants = new List<Participant>(options.MembersPerArm * arms.Count);
        for (var a = 0; a < arms.Count; a++)
        {
            var world = new SimulatedWorld(options.Seed, options.World, options.MembersPerArm);
            foreach (var truth in world.Members)
            {
                var id = Enumerable.Range(0, int.MaxValue)
                    .Select(k => string.Create(CultureInfo.InvariantCulture, $"{truth.MemberId}.{k}"))
                    .First(candidate => allocation.Assign(candidate).Name == arms[a].Name);
                participants.Add(new Participant(id, a, allocation.AssignRanking(id).Name, truth, grains[participants.Count % grains.Count].GetGrain<IMemberGrain>(id)));
            }
        }

        return participants;
    }

    // The baseline sends the best candidate of an opportunity, on any channel in-app included, when its relevance
    // passes one global threshold. Set it where a sample of the world's opportunities gives the fixed arm's planned
    // pushes and emails per member-week: equal volume, so the comparison is about which messages go out and when.
    private static double CalibrateBaseline(ExperimentOptions options)
    {
        var sample = new SimulatedWorld(options.Seed, options.World, Math.Min(options.MembersPerArm, 1_000));
        var best = new List<double>();
        for (var day = 0; day < 7; day++)
        {
            var date = DateOnly.FromDateTime(options.Start.AddDays(day).UtcDateTime);
            foreach (var member in sample.Members)
            {
                foreach (var opportunity in member.OpportunitiesOn(date))
                {
                    var open = opportunity.Candidates.Where(c => member.IsOpen(c.Channel)).Select(c => c.Relevance).DefaultIfEmpty(double.NaN).Max();
                    if (!double.IsNaN(open)) best.Add(open);
                }

                member.EndOfDay(date);
            }
        }

        var sends = (int)Math.Round((options.FixedPush + options.FixedEmail) * (double)sample.MemberCount);
        best.Sort((a, b) => b.CompareTo(a));
        return sends <= 0 ? double.PositiveInfinity : sends >= best.Count ? 0 : best[sends - 1];
    }

    // The oracle arm's plans for the week, from each hidden member's state before the week's first day; the week's
    // truth is kept for its regret (StartWeek would compute the same), and every plan's value goes to the yardsticks.
    private static void SetOraclePlans(List<Participant> participants, SimulationOracle oracle, IsoWeek week, ExperimentTimings timings, GridReferences references)
    {
        var oracleArm = ExperimentOptions.ArmNames.ToList().IndexOf("oracle");
        Parallel.ForEach(participants.Where(p => p.Arm == oracleArm), participant =>
        {
            var started = Stopwatch.GetTimestamp();
            Span<OracleAction> actions = stackalloc OracleAction[ActionGrid.Default.Count];
            var truth = WeekOracle.Summarise(participant.Truth, participant.Truth.StartState(week.Start), actions);
            timings.AddOracle(started);
            participant.Week = (week.Start, truth);
            oracle.Set(participant.MemberId, week, truth.Best.Push, truth.Best.Email, truth.Best.InApp);
            references.Add(participant.Truth.Traits.Cohort, ActionGrid.Default, actions);
        });
    }

    // What the platform knows of a member when it joins: its channels and its imported features. The replan makes
    // the first week's plan from both (the calls before it planned with whichever had arrived).
    private static async Task ImportAsync(Participant participant)
    {
        var observed = participant.Truth.Observed;
        await participant.Grain.SetPreferences(new MemberPreferences
        {
            Channels = new ChannelSwitches { Push = observed.OptedIn.Contains(Channel.Push), Email = observed.OptedIn.Contains(Channel.Email) },
        }).ConfigureAwait(false);
        await participant.Grain.SetFeatures(participant.Truth.ImportedFeatures()).ConfigureAwait(false);
        await participant.Grain.Replan().ConfigureAwait(false);
    }

    private static void StartWeek(Participant participant, DateTimeOffset weekStart, ExperimentTimings timings)
    {
        participant.SentBeforeWeek = (participant.Truth.PushSent, participant.Truth.EmailSent, participant.Truth.InAppSent);
        participant.ExpectedBeforeWeek = participant.Truth.ExpectedEngagedDays;
        if (participant.Week?.WeekStart == weekStart) return;
        var started = Stopwatch.GetTimestamp();
        participant.Week = (weekStart, WeekOracle.Summarise(participant.Truth, participant.Truth.StartState(weekStart)));
        timings.AddOracle(started);
    }

    // One day of the run: which day, and whether it starts a week, ends one, or ends the run.
    // Challenger: the version on trial in the hierarchical arm that week, if any.
    // Effects is where the coins' sends leave the world's true effect; null when no ranker needs checking.
    private readonly record struct DayPass(DateOnly Date, int Week, DateTimeOffset? WeekStart, bool LastDayOfWeek, bool FinalDay, string? Challenger, EffectTruth? Effects)
    {
        public string IsoWeekName { get; } = IsoWeek.Containing(new DateTimeOffset(Date, TimeOnly.MinValue, TimeSpan.Zero)).ToString();

        // The causal ranker's outcome spans the decision's day and the next inside the ISO week, so Sunday's coins are not in it.
        public bool EffectDay => Effects is not null && Date.DayOfWeek != DayOfWeek.Sunday;
    }

    // Every member's day, in `concurrency` workers that each take the next member in turn and await its call in place:
    // one async state machine per worker for the whole pass. (Parallel.ForEachAsync with a method per member-day made
    // a state machine box, a task and a semaphore waiter per member-day: a twentieth of the days' allocation.)
    private static async Task SimulateDayAsync(List<Participant> participants, DayPass pass, int concurrency, ExperimentTally tally, TrialVerdicts verdicts, ExperimentTimings timings,
        CancellationToken cancellationToken)
    {
        var next = -1;
        var workers = new Task[Math.Min(concurrency, participants.Count)];
        for (var i = 0; i < workers.Length; i++) workers[i] = Task.Run(Work, cancellationToken);
        await Task.WhenAll(workers).ConfigureAwait(false);

        async Task Work()
        {
            try
            {
                while (Interlocked.Increment(ref next) is var i && i < participants.Count)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var participant = participants[i];
                    if (pass.WeekStart is { } weekStart) StartWeek(participant, weekStart, timings);
                    var (opportunities, traffic) = BeginDay(participant, pass.Date, timings);
                    var started = Stopwatch.GetTimestamp();
                    var receipt = await participant.Grain.ApplyTraffic(traffic).ConfigureAwait(false);
                    timings.AddGrain(started);
                    EndDay(participant, pass, opportunities, receipt.Decisions, tally, timings);
                    if (pass.FinalDay && (participant.PendingFeedback.Count > 0 || participant.PendingActivity.Count > 0))
                    {
                        started = Stopwatch.GetTimestamp();
                        await participant.Grain.ApplyTraffic(TakeTraffic(participant, [])).ConfigureAwait(false);
                        timings.AddGrain(started);
                    }

                    if (pass.LastDayOfWeek) EndWeek(participant, pass, tally, verdicts, timings);
                }
            }
            catch
            {
                // The other workers stop at their next member.
                Volatile.Write(ref next, participants.Count);
                throw;
            }
        }
    }

    // One member's day, as a caller that queues a member's traffic sends it: one call with the outcomes not yet
    // reported (yesterday's feedback and activity) and the day's opportunities, which the grain decides in time
    // order; the world then delivers what was sent. A decision so never sees feedback from the same day, as with
    // opens that arrive hours later. Sunday's outcomes reach the grain with Monday's call, before the week they
    // belong to closes (the grain counts an outcome in its own week while that week is open); the run's last day
    // sends its own in a final call.
    private static (IReadOnlyList<WorldOpportunity> Opportunities, MemberTraffic Traffic) BeginDay(Participant participant, DateOnly date, ExperimentTimings timings)
    {
        var started = Stopwatch.GetTimestamp();
        var opportunities = participant.Truth.OpportunitiesOn(date);
        var requests = new SendOpportunity[opportunities.Count];
        for (var i = 0; i < requests.Length; i++) requests[i] = opportunities[i].ToRequest();
        timings.AddWorld(started);
        return (opportunities, TakeTraffic(participant, requests));
    }

    // The world delivers what the grain sent and closes the member's day; the outcomes wait for the next call.
    private static void EndDay(Participant participant, DayPass pass, IReadOnlyList<WorldOpportunity> opportunities, IReadOnlyList<SendDecision> decisions, ExperimentTally tally, ExperimentTimings timings)
    {
        var truth = participant.Truth;
        var (cohort, week) = (truth.Traits.Cohort, pass.Week);
        for (var i = 0; i < opportunities.Count; i++)
        {
            var opportunity = opportunities[i];
            if (decisions[i] is not { Send: true, MessageId: { } messageId } || !opportunity.TryFind(messageId, out var message))
            {
                continue;
            }

            var started = Stopwatch.GetTimestamp();
            if (pass.EffectDay) pass.Effects!.Add(pass.IsoWeekName, message.Category, message.Channel, decisions[i].Propensity, truth.EffectOf(message, opportunity.Time));
            var outcome = truth.Deliver(message, opportunity.Time);
            timings.AddWorld(started);
            if (!outcome.Delivered) continue;
            tally.Add(participant.Arm, cohort, week, message.Channel switch
            {
                MessageChannel.Push => ExperimentTally.Count.PushSends,
                MessageChannel.Email => ExperimentTally.Count.EmailSends,
                _ => ExperimentTally.Count.InAppSends,
            });
            tally.Add(participant.Arm, cohort, week, ExperimentTally.Count.Opens, outcome.Opened ? 1 : 0);
            tally.Add(participant.Arm, cohort, week, ExperimentTally.Count.Clicks, outcome.Clicked ? 1 : 0);
            if (outcome.OptedOut is { } closed)
            {
                // A channel closes for good, so each channel's opt-out is counted once.
                tally.Add(participant.Arm, cohort, week, closed == MessageChannel.Push ? ExperimentTally.Count.PushOptOuts : ExperimentTally.Count.EmailOptOuts);
                if (!participant.OptedOut)
                {
                    participant.OptedOut = true;
                    tally.Add(participant.Arm, cohort, week, ExperimentTally.Count.OptOutMembers);
                }
            }

            outcome.AddFeedback(participant.PendingFeedback, message, opportunity.Time);
        }

        var dayStarted = Stopwatch.GetTimestamp();
        var day = truth.EndOfDay(pass.Date);
        timings.AddWorld(dayStarted);
        tally.Add(participant.Arm, cohort, week, ExperimentTally.Count.EngagedDays, day.Engaged ? 1 : 0);
        participant.PendingActivity.AddRange(day.Activity);
    }

    // One call's traffic: the member's unreported outcomes, which it takes, and the given opportunities.
    private static MemberTraffic TakeTraffic(Participant participant, SendOpportunity[] opportunities)
    {
        // Arrays, not collection expressions: an IReadOnlyList expression wraps its array in a second object.
        var traffic = new MemberTraffic { Feedback = participant.PendingFeedback.ToArray(), Activity = participant.PendingActivity.ToArray(), Opportunities = opportunities };
        participant.PendingFeedback.Clear();
        participant.PendingActivity.Clear();
        return traffic;
    }

    // Regret: what the best plan was worth by the truth at the week's start, minus what the frequencies and in-app
    // messages the arm actually sent were worth; and the same for its pushes and emails on the grid without in-app messages.
    // A hierarchical member's regret, and the engaged days its messages added, also go to its side of the week's trial, if one runs.
    private static void EndWeek(Participant participant, DayPass pass, ExperimentTally tally, TrialVerdicts verdicts, ExperimentTimings timings)
    {
        var week = pass.Week;
        var cohort = participant.Truth.Traits.Cohort;
        tally.Add(participant.Arm, cohort, week, ExperimentTally.Count.MemberWeeks);
        if (participant.Week is not { } current) return;
        var started = Stopwatch.GetTimestamp();
        var push = Math.Min(participant.Truth.PushSent - participant.SentBeforeWeek.Push, ActionGrid.Default.MaxPush);
        var email = Math.Min(participant.Truth.EmailSent - participant.SentBeforeWeek.Email, ActionGrid.Default.MaxEmail);
        var inApp = participant.Truth.InAppSent - participant.SentBeforeWeek.InApp;
        var (regret, gridRegret) = current.Truth.Regrets(participant.Truth, push, email, inApp);
        tally.AddRegret(participant.Arm, cohort, week, regret, gridRegret);
        if (participant.Arm == HierarchicalArm)
        {
            var lift = participant.Truth.ExpectedEngagedDays - participant.ExpectedBeforeWeek - (7 * participant.Truth.Traits.BaseActivity);
            verdicts.Add(week, participant.TrialHistory, pass.Challenger is { } version ? (version, PolicyEngine.ChallengerUnit(version, participant.MemberId) < PolicyEngine.DefaultChallengerShare) : null, cohort, lift, regret, (push, email, inApp));
        }

        timings.AddOracle(started);
        participant.Week = null;
    }

    private static Task ForEachAsync(List<Participant> participants, int concurrency, Func<Participant, Task> work, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(participants, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            (participant, _) => new ValueTask(work(participant)));
}
