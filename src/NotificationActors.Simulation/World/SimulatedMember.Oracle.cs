using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NotificationActors.Simulation.World;

/// <summary>The oracle's kernels: a member's week evaluated in closed form from its truth, without touching its state.</summary>
public sealed partial class SimulatedMember
{
    /// <summary>The grid's actions grouped by total sends, for <see cref="EvaluateLanes"/>.</summary>
    internal int[] LaneOrder(Policy.Actions.ActionGrid grid) => _model.LaneOrder(grid);

    /// <summary>The state the oracle starts from: the member's state decayed to the week's start.</summary>
    internal OracleStart StartState(DateTimeOffset weekStart)
    {
        var t = WorldModel.Days(weekStart);
        var dt = Elapsed(t);
        var fatigue = FastMath.Exp(-_model.FatigueDecayPerDay * dt);
        var recency = new double[_lastSent.Length];
        for (var c = 0; c < recency.Length; c++)
        {
            recency[c] = double.IsNaN(_lastSent[c]) ? 0 : FastMath.Exp(-Math.Max(0, t - _lastSent[c]) * _model.RecoveryPerDay);
        }

        return new OracleStart(_pushFatigue * fatigue, _emailFatigue * fatigue, _impact * FastMath.Exp(-_model.ImpactDecayPerDay * dt), _pushOpen, _emailOpen, recency);
    }

    /// <summary>
    /// Expected outcomes of sending <paramref name="push"/> pushes and <paramref name="email"/> emails spread evenly over
    /// the week from <paramref name="start"/>, in closed form: fatigue, impact and category recency evolve
    /// deterministically given the send times; opens and plays enter by their probabilities; each send is weighted by
    /// the chance its channel is still open; categories are the best-tasting of a typical opportunity's candidates.
    /// </summary>
    internal OracleRaw Evaluate(OracleStart start, int push, int email)
    {
        if (!start.PushOpen) push = 0;
        if (!start.EmailOpen) email = 0;
        var schedule = _model.Schedule(push, email);
        Span<double> recency = stackalloc double[_pick.Length];
        recency.Clear();
        start.Recency.CopyTo(recency);
        double pushFatigue = start.PushFatigue, emailFatigue = start.EmailFatigue, impact = start.Impact;
        double pushSurvival = 1, emailSurvival = 1, engaged = 0, after = 0, organic = 0, noPlay = 1, recovery = 1;
        var day = -1;
        foreach (ref readonly var e in schedule.Events.AsSpan())
        {
            pushFatigue *= e.FatigueDecay;
            emailFatigue *= e.FatigueDecay;
            impact *= e.ImpactDecay;
            recovery *= e.RecoveryDecay;
            if (e.Kind == ScheduleEventKind.DayStart)
            {
                // Close the previous day: engaged if active on one's own or led to play; after the week, organic only.
                if (day >= OracleSchedule.WeekDays) after += organic;
                else if (day >= 0) engaged += 1 - ((1 - organic) * noPlay);
                day = e.Day;
                organic = Organic(impact, pushFatigue, emailFatigue);
                noPlay = 1;
                continue;
            }

            var isPush = e.Kind == ScheduleEventKind.Push;
            var own = isPush ? pushFatigue : emailFatigue;
            var survival = isPush ? pushSurvival : emailSurvival;
            var penalty = FatiguePenalty(own, isPush ? emailFatigue : pushFatigue);
            var recent = DecayPickAndRecord(recency, recovery, survival);
            recovery = 1;
            var open = Math.Min(1, (isPush ? _pushResponsiveness : _emailResponsiveness) * (_pickTasteSum - (_appealDrop * recent)) * (1 - penalty));
            noPlay *= 1 - (survival * open * _clickPlay);
            impact += survival * open;
            own += survival;
            var stay = 1 - OptOutHazard(isPush, own);
            if (isPush) (pushFatigue, pushSurvival) = (own, pushSurvival * stay);
            else (emailFatigue, emailSurvival) = (own, emailSurvival * stay);
        }

        after += organic;
        return new OracleRaw(push, email, engaged, after, 1 - pushSurvival, 1 - emailSurvival);
    }

    /// <summary>
    /// One pass over the categories at a send: decays each recency by <paramref name="recovery"/>, returns the expected
    /// Σ π_c taste_c recency_c of the category about to be picked, then records the pick (recency_c moves to 1 with
    /// probability π_c, times the chance the channel is still open). Vectorised; the arrays are padded to whole vectors.
    /// </summary>
    private double DecayPickAndRecord(Span<double> recency, double recovery, double survival)
    {
        var decay = Vector256.Create(recovery);
        var weight = Vector256.Create(survival);
        var sum = Vector256<double>.Zero;
        ref var r = ref MemoryMarshal.GetReference(recency);
        ref var pick = ref MemoryMarshal.GetArrayDataReference(_pick);
        ref var pickTaste = ref MemoryMarshal.GetArrayDataReference(_pickTaste);
        for (nuint i = 0; i < (nuint)recency.Length; i += (nuint)Vector256<double>.Count)
        {
            var value = Vector256.LoadUnsafe(ref r, i) * decay;
            sum += Vector256.LoadUnsafe(ref pickTaste, i) * value;
            value += weight * Vector256.LoadUnsafe(ref pick, i) * (Vector256<double>.One - value);
            value.StoreUnsafe(ref r, i);
        }

        return Vector256.Sum(sum);
    }

    /// <summary>
    /// <see cref="Evaluate"/> for up to four actions at once, one per vector lane: all actions with the same total of
    /// sends share the timeline (send times and decays) and differ only in which sends are pushes, so the lanes run in
    /// lockstep. <paramref name="pushes"/> holds each lane's pushes; the rest of the <paramref name="sends"/> are emails.
    /// Both channels must be open (the closed-channel case has few distinct actions and uses <see cref="Evaluate"/>).
    /// </summary>
    internal void EvaluateLanes(OracleStart start, int sends, ReadOnlySpan<int> pushes, Span<OracleRaw> results)
    {
        var lanes = pushes.Length;
        Span<double> lanePush = stackalloc double[Vector256<double>.Count];
        for (var j = 0; j < lanePush.Length; j++) lanePush[j] = pushes[Math.Min(j, lanes - 1)];

        var lanePushes = Vector256.Create((ReadOnlySpan<double>)lanePush);
        var schedule = _model.Schedule(pushes[0], sends - pushes[0]);

        var categories = _pick.Length;
        Span<Vector256<double>> recency = stackalloc Vector256<double>[categories];
        for (var c = 0; c < categories; c++) recency[c] = Vector256.Create(c < start.Recency.Length ? start.Recency[c] : 0);

        var one = Vector256<double>.One;
        var pushFatigue = Vector256.Create(start.PushFatigue);
        var emailFatigue = Vector256.Create(start.EmailFatigue);
        var impact = Vector256.Create(start.Impact);
        Vector256<double> pushSurvival = one, emailSurvival = one, engaged = default, after = default, organic = default, noPlay = one;
        var (pushResponsiveness, emailResponsiveness) = (Vector256.Create(_pushResponsiveness), Vector256.Create(_emailResponsiveness));
        var (pushHazard, emailHazard) = (Vector256.Create(_pushHazard), Vector256.Create(_emailHazard));
        var recovery = 1.0;
        var day = -1;
        var slot = 0;
        foreach (ref readonly var e in schedule.Events.AsSpan())
        {
            pushFatigue *= e.FatigueDecay;
            emailFatigue *= e.FatigueDecay;
            impact *= e.ImpactDecay;
            recovery *= e.RecoveryDecay;
            if (e.Kind == ScheduleEventKind.DayStart)
            {
                if (day >= OracleSchedule.WeekDays) after += organic;
                else if (day >= 0) engaged += one - ((one - organic) * noPlay);
                day = e.Day;
                organic = Organic(impact, pushFatigue + emailFatigue);
                noPlay = one;
                continue;
            }

            // Slot k is a push in lane j when lane j's running share of pushes steps up there (as OracleSchedule assigns).
            // Multiply, then divide: an integer quotient is then exact in doubles, so floor agrees with integer division.
            var isPush = Vector256.GreaterThan(Vector256.Floor(lanePushes * (slot + 1) / sends), Vector256.Floor(lanePushes * slot / sends));
            slot++;
            var own = Vector256.ConditionalSelect(isPush, pushFatigue, emailFatigue);
            var other = Vector256.ConditionalSelect(isPush, emailFatigue, pushFatigue);
            var survival = Vector256.ConditionalSelect(isPush, pushSurvival, emailSurvival);
            var penalty = one - Vector256.Exp(Vector256.Create(-_penaltyRate) * (own + (Vector256.Create(_crossFatigue) * other)));

            var decay = Vector256.Create(recovery);
            recovery = 1;
            var recent = Vector256<double>.Zero;
            for (var c = 0; c < categories; c++)
            {
                var r = recency[c] * decay;
                recent += Vector256.Create(_pickTaste[c]) * r;
                recency[c] = r + (survival * Vector256.Create(_pick[c]) * (one - r));
            }

            var responsiveness = Vector256.ConditionalSelect(isPush, pushResponsiveness, emailResponsiveness);
            var open = Vector256.Min(one, responsiveness * (Vector256.Create(_pickTasteSum) - (Vector256.Create(_appealDrop) * recent)) * (one - penalty));
            noPlay *= one - (survival * open * _clickPlay);
            impact += survival * open;
            own += survival;
            var hazard = Vector256.Min(Vector256.Create(_hazardCap), Vector256.ConditionalSelect(isPush, pushHazard, emailHazard) * Vector256.Exp(own * _hazardGrowth));
            var stay = one - hazard;
            pushFatigue = Vector256.ConditionalSelect(isPush, own, pushFatigue);
            emailFatigue = Vector256.ConditionalSelect(isPush, emailFatigue, own);
            pushSurvival = Vector256.ConditionalSelect(isPush, pushSurvival * stay, pushSurvival);
            emailSurvival = Vector256.ConditionalSelect(isPush, emailSurvival, emailSurvival * stay);
        }

        after += organic;
        for (var j = 0; j < lanes; j++)
        {
            results[j] = new OracleRaw(pushes[j], sends - pushes[j], engaged[j], after[j], 1 - pushSurvival[j], 1 - emailSurvival[j]);
        }
    }

    /// <summary><see cref="Organic(double, double, double)"/> on vector lanes, from the lanes' total fatigue.</summary>
    private Vector256<double> Organic(Vector256<double> impact, Vector256<double> totalFatigue)
    {
        var one = Vector256<double>.One;
        var lifted = Vector256.Create(_baseActivity) + (Vector256.Create(_upliftRoom) * (one - Vector256.Exp(impact * -_upliftRate)));
        var drag = totalFatigue * _dragRate;
        return lifted * (one - (Vector256.Create(_fatigueDrag) * (one - Vector256.Exp(-(drag * drag)))));
    }
}
