using System.Runtime.CompilerServices;
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

        var (push, email, inApp) = (_pushFatigue * fatigue, _emailFatigue * fatigue, _inAppFatigue * fatigue);
        var impact = _impact * FastMath.Exp(-_model.ImpactDecayPerDay * dt);
        return new OracleStart(push, email, inApp, impact, _pushOpen, _emailOpen, recency, Organic(impact, TotalFatigue(push, email, inApp)));
    }

    /// <summary>
    /// The chance of showing an in-app message at a session that offers one, as the fast policy paces a weekly cap: what
    /// is left of the cap over this session and those still expected in the week (<paramref name="sessionsLeft"/> first
    /// sessions' worth, each coming at the week's starting <paramref name="activity"/> and offering an in-app candidate
    /// with <see cref="WorldModel.InAppOfferChance"/>), at most 1.
    /// </summary>
    internal double InAppPacing(double activity, int capLeft, double sessionsLeft) =>
        capLeft <= 0 ? 0 : Math.Min(1, capLeft / (1 + (_model.InAppOfferChance * activity * sessionsLeft)));

    /// <summary>
    /// Expected outcomes of sending <paramref name="push"/> pushes and <paramref name="email"/> emails spread evenly over
    /// the week from <paramref name="start"/>, with in-app messages either planned, up to <paramref name="inAppCap"/>
    /// paced over the app sessions that offer one (<see cref="InAppPacing"/>), or sent, <paramref name="inAppShown"/>
    /// spread evenly over the week's session slots; in closed form: fatigue, impact and category recency evolve
    /// deterministically given the send times; opens and plays enter by their probabilities; each send is weighted by
    /// the chance its channel is still open; the in-app messages a cap has shown so far are tracked as a distribution,
    /// since pacing depends on them; categories are the best-tasting of a typical opportunity's candidates.
    /// </summary>
    internal OracleRaw Evaluate(OracleStart start, int push, int email, int inAppCap = 0, int inAppShown = 0)
    {
        if (inAppCap > 0 && inAppShown > 0) throw new ArgumentException("Evaluate a planned in-app cap or the in-app messages sent, not both.", nameof(inAppShown));
        if (!start.PushOpen) push = 0;
        if (!start.EmailOpen) email = 0;

        // One message per session at most, so a week shows at most one per session slot.
        var shownPerSlot = Math.Min(inAppShown, OracleSchedule.SessionSlots) / (double)OracleSchedule.SessionSlots;
        var schedule = _model.Schedule(push, email);
        Span<double> recency = stackalloc double[_pick.Length];
        recency.Clear();
        start.Recency.CopyTo(recency);
        double pushFatigue = start.PushFatigue, emailFatigue = start.EmailFatigue, inAppFatigue = start.InAppFatigue, impact = start.Impact;
        double pushSurvival = 1, emailSurvival = 1, engaged = 0, after = 0, organic = 0, noPlay = 1, recovery = 1, inAppSends = 0;
        Span<double> shownSoFar = stackalloc double[inAppCap + 1];
        shownSoFar.Clear();
        shownSoFar[0] = 1;
        var sessionsLeft = OracleSchedule.WeekDays * (1 + _o.SecondSessionProbability);
        var day = -1;
        foreach (ref readonly var e in schedule.Events.AsSpan())
        {
            pushFatigue *= e.FatigueDecay;
            emailFatigue *= e.FatigueDecay;
            inAppFatigue *= e.FatigueDecay;
            impact *= e.ImpactDecay;
            recovery *= e.RecoveryDecay;
            if (e.Kind == ScheduleEventKind.DayStart)
            {
                // Close the previous day: engaged if active on one's own or led to play; after the week, organic only.
                if (day >= OracleSchedule.WeekDays) after += organic;
                else if (day >= 0) engaged += 1 - ((1 - organic) * noPlay);
                day = e.Day;
                organic = Organic(impact, TotalFatigue(pushFatigue, emailFatigue, inAppFatigue));
                noPlay = 1;
                continue;
            }

            if (e.Kind is ScheduleEventKind.FirstSession or ScheduleEventKind.SecondSession)
            {
                // Shown only if the member comes that day, so it never changes whether the day is engaged: it acts
                // through impact on later days, and through fatigue.
                var chance = e.Kind == ScheduleEventKind.SecondSession ? _o.SecondSessionProbability : 1;
                sessionsLeft -= chance;
                if (inAppCap == 0 && inAppShown == 0) continue;
                var offered = organic * (_model.InAppOfferChance * chance);
                var shown = shownPerSlot;
                for (var j = inAppCap - 1; j >= 0; j--)
                {
                    var moved = shownSoFar[j] * offered * InAppPacing(start.Activity, inAppCap - j, sessionsLeft);
                    (shownSoFar[j], shownSoFar[j + 1], shown) = (shownSoFar[j] - moved, shownSoFar[j + 1] + moved, shown + moved);
                }

                var inAppPenalty = FatiguePenalty(inAppFatigue, pushFatigue + emailFatigue);
                var inAppRecent = DecayPickAndRecord(recency, recovery, shown);
                recovery = 1;
                var inAppOpen = Math.Min(1, _inAppResponsiveness * (_pickTasteSum - (_appealDrop * inAppRecent)) * (1 - inAppPenalty));
                impact += shown * inAppOpen * _carryOver;
                inAppFatigue += shown;
                inAppSends += shown;
                continue;
            }

            var isPush = e.Kind == ScheduleEventKind.Push;
            var own = isPush ? pushFatigue : emailFatigue;
            var survival = isPush ? pushSurvival : emailSurvival;
            var weightedInApp = _inAppWeight * inAppFatigue;
            var penalty = FatiguePenalty(own, (isPush ? emailFatigue : pushFatigue) + weightedInApp);
            var recent = DecayPickAndRecord(recency, recovery, survival);
            recovery = 1;
            var open = Math.Min(1, (isPush ? _pushResponsiveness : _emailResponsiveness) * (_pickTasteSum - (_appealDrop * recent)) * (1 - penalty));
            noPlay *= 1 - (survival * open * _clickPlay);
            impact += survival * open * _carryOver;
            own += survival;
            var stay = 1 - OptOutHazard(isPush, own + weightedInApp);
            if (isPush) (pushFatigue, pushSurvival) = (own, pushSurvival * stay);
            else (emailFatigue, emailSurvival) = (own, emailSurvival * stay);
        }

        after += organic;
        return new OracleRaw(push, email, inAppSends, engaged, after, 1 - pushSurvival, 1 - emailSurvival);
    }

    /// <summary>
    /// One pass over the categories at a send: decays each recency by <paramref name="recovery"/>, returns the expected
    /// Σ π_c taste_c recency_c of the category about to be picked, then records the pick (recency_c moves to 1 with
    /// probability π_c, times the chance the message goes out). Vectorised; the arrays are padded to whole vectors.
    /// </summary>
    private double DecayPickAndRecord(Span<double> recency, double recovery, double sent)
    {
        var decay = Vector256.Create(recovery);
        var weight = Vector256.Create(sent);
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
    /// sends share the timeline (send times and decays) and differ only in which sends are pushes and in their in-app
    /// cap, so the lanes run in lockstep. <paramref name="pushes"/> holds each lane's pushes (the rest of the
    /// <paramref name="sends"/> are emails), <paramref name="inAppCaps"/> its in-app cap. Both channels must be open (the
    /// closed-channel case has few distinct actions and uses <see cref="Evaluate"/>).
    /// </summary>
    internal void EvaluateLanes(OracleStart start, int sends, ReadOnlySpan<int> pushes, ReadOnlySpan<int> inAppCaps, Span<OracleRaw> results)
    {
        var lanes = pushes.Length;
        Span<double> lanePush = stackalloc double[Vector256<double>.Count];
        Span<double> laneCap = stackalloc double[Vector256<double>.Count];
        var maxCap = 0;
        for (var j = 0; j < lanePush.Length; j++)
        {
            var lane = Math.Min(j, lanes - 1);
            (lanePush[j], laneCap[j]) = (pushes[lane], inAppCaps[lane]);
            maxCap = Math.Max(maxCap, inAppCaps[lane]);
        }

        var lanePushes = Vector256.Create((ReadOnlySpan<double>)lanePush);
        var caps = Vector256.Create((ReadOnlySpan<double>)laneCap);
        Span<Vector256<double>> shownSoFar = stackalloc Vector256<double>[maxCap + 1];
        shownSoFar.Clear();
        shownSoFar[0] = Vector256<double>.One;
        var sessionsLeft = OracleSchedule.WeekDays * (1 + _o.SecondSessionProbability);
        var sessionsAhead = _model.InAppOfferChance * start.Activity;
        var schedule = _model.Schedule(pushes[0], sends - pushes[0]);

        var categories = _pick.Length;
        Span<Vector256<double>> recency = stackalloc Vector256<double>[categories];
        for (var c = 0; c < categories; c++) recency[c] = Vector256.Create(c < start.Recency.Length ? start.Recency[c] : 0);

        var one = Vector256<double>.One;
        var pushFatigue = Vector256.Create(start.PushFatigue);
        var emailFatigue = Vector256.Create(start.EmailFatigue);
        var inAppFatigue = Vector256.Create(start.InAppFatigue);
        var impact = Vector256.Create(start.Impact);
        Vector256<double> pushSurvival = one, emailSurvival = one, engaged = default, after = default, organic = default, noPlay = one, inAppSends = default;
        var (pushResponsiveness, emailResponsiveness) = (Vector256.Create(_pushResponsiveness), Vector256.Create(_emailResponsiveness));
        var (pushHazard, emailHazard) = (Vector256.Create(_pushHazard), Vector256.Create(_emailHazard));
        var inAppWeight = Vector256.Create(_inAppWeight);
        var recovery = 1.0;
        var day = -1;
        var slot = 0;
        foreach (ref readonly var e in schedule.Events.AsSpan())
        {
            pushFatigue *= e.FatigueDecay;
            emailFatigue *= e.FatigueDecay;
            inAppFatigue *= e.FatigueDecay;
            impact *= e.ImpactDecay;
            recovery *= e.RecoveryDecay;
            if (e.Kind == ScheduleEventKind.DayStart)
            {
                if (day >= OracleSchedule.WeekDays) after += organic;
                else if (day >= 0) engaged += one - ((one - organic) * noPlay);
                day = e.Day;
                organic = Organic(impact, pushFatigue + emailFatigue + (inAppWeight * inAppFatigue));
                noPlay = one;
                continue;
            }

            if (e.Kind is ScheduleEventKind.FirstSession or ScheduleEventKind.SecondSession)
            {
                var chance = e.Kind == ScheduleEventKind.SecondSession ? _o.SecondSessionProbability : 1;
                sessionsLeft -= chance;
                if (maxCap == 0) continue;
                var offered = organic * (_model.InAppOfferChance * chance);
                var future = one + Vector256.Create(sessionsAhead * sessionsLeft);
                var shown = Vector256<double>.Zero;
                for (var j = maxCap - 1; j >= 0; j--)
                {
                    // InAppPacing per lane; a lane whose cap is j or less has nothing left to pace.
                    var pacing = Vector256.Min(one, Vector256.Max(Vector256<double>.Zero, caps - Vector256.Create((double)j)) / future);
                    var moved = shownSoFar[j] * offered * pacing;
                    (shownSoFar[j], shownSoFar[j + 1], shown) = (shownSoFar[j] - moved, shownSoFar[j + 1] + moved, shown + moved);
                }

                var inAppPenalty = one - Vector256.Exp(Vector256.Create(-_penaltyRate) * (inAppFatigue + (Vector256.Create(_crossFatigue) * (pushFatigue + emailFatigue))));
                var inAppRecent = DecayPickAndRecord(recency, recovery, shown);
                recovery = 1;
                var inAppOpen = Vector256.Min(one, Vector256.Create(_inAppResponsiveness) * (Vector256.Create(_pickTasteSum) - (Vector256.Create(_appealDrop) * inAppRecent)) * (one - inAppPenalty));
                impact += shown * inAppOpen * _carryOver;
                inAppFatigue += shown;
                inAppSends += shown;
                continue;
            }

            // Slot k is a push in lane j when lane j's running share of pushes steps up there (as OracleSchedule assigns).
            // Multiply, then divide: an integer quotient is then exact in doubles, so floor agrees with integer division.
            var isPush = Vector256.GreaterThan(Vector256.Floor(lanePushes * (slot + 1) / sends), Vector256.Floor(lanePushes * slot / sends));
            slot++;
            var weightedInApp = inAppWeight * inAppFatigue;
            var own = Vector256.ConditionalSelect(isPush, pushFatigue, emailFatigue);
            var other = Vector256.ConditionalSelect(isPush, emailFatigue, pushFatigue) + weightedInApp;
            var survival = Vector256.ConditionalSelect(isPush, pushSurvival, emailSurvival);
            var penalty = one - Vector256.Exp(Vector256.Create(-_penaltyRate) * (own + (Vector256.Create(_crossFatigue) * other)));
            var recent = DecayPickAndRecord(recency, recovery, survival);
            recovery = 1;

            var responsiveness = Vector256.ConditionalSelect(isPush, pushResponsiveness, emailResponsiveness);
            var open = Vector256.Min(one, responsiveness * (Vector256.Create(_pickTasteSum) - (Vector256.Create(_appealDrop) * recent)) * (one - penalty));
            noPlay *= one - (survival * open * _clickPlay);
            impact += survival * open * _carryOver;
            own += survival;
            var hazard = Vector256.Min(Vector256.Create(_hazardCap), Vector256.ConditionalSelect(isPush, pushHazard, emailHazard) * Vector256.Exp((own + weightedInApp) * _hazardGrowth));
            var stay = one - hazard;
            pushFatigue = Vector256.ConditionalSelect(isPush, own, pushFatigue);
            emailFatigue = Vector256.ConditionalSelect(isPush, emailFatigue, own);
            pushSurvival = Vector256.ConditionalSelect(isPush, pushSurvival * stay, pushSurvival);
            emailSurvival = Vector256.ConditionalSelect(isPush, emailSurvival, emailSurvival * stay);
        }

        after += organic;
        for (var j = 0; j < lanes; j++)
        {
            results[j] = new OracleRaw(pushes[j], sends - pushes[j], inAppSends[j], engaged[j], after[j], 1 - pushSurvival[j], 1 - emailSurvival[j]);
        }
    }

    /// <summary><see cref="DecayPickAndRecord(Span{double}, double, double)"/> on vector lanes, each lane with its own chance the message goes out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<double> DecayPickAndRecord(Span<Vector256<double>> recency, double recovery, Vector256<double> sent)
    {
        var one = Vector256<double>.One;
        var decay = Vector256.Create(recovery);
        var recent = Vector256<double>.Zero;
        for (var c = 0; c < recency.Length; c++)
        {
            var r = recency[c] * decay;
            recent += Vector256.Create(_pickTaste[c]) * r;
            recency[c] = r + (sent * Vector256.Create(_pick[c]) * (one - r));
        }

        return recent;
    }

    /// <summary><see cref="Organic(double, double)"/> on vector lanes.</summary>
    private Vector256<double> Organic(Vector256<double> impact, Vector256<double> totalFatigue)
    {
        var one = Vector256<double>.One;
        var lifted = Vector256.Create(_baseActivity) + (Vector256.Create(_upliftRoom) * (one - Vector256.Exp(impact * -_upliftRate)));
        var drag = totalFatigue * _dragRate;
        return lifted * (one - (Vector256.Create(_fatigueDrag) * (one - Vector256.Exp(-(drag * drag)))));
    }
}
