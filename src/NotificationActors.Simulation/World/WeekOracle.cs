using System.Runtime.Intrinsics;
using NotificationActors.Policy.Actions;

namespace NotificationActors.Simulation.World;

/// <summary>
/// The truth about a member's week, from its state at the week's start: the value of every weekly (push, email)
/// frequency of a grid without in-app messages, then of every in-app cap 0..<see cref="MaxInApp"/> with the best of
/// them (one coordinate step: the in-app cap is the slow policy's second choice, made for the chosen action), the
/// best plan of all, and the value of any other plan or realised week, so the regret of a week is
/// <c>Best.Value - ValueOfSent(push, email, inApp).Value</c>. Values are in engaged days: the week's expected engaged days,
/// plus the carry-over into a quiet week after it, minus each channel's opt-out probability times what the channel is
/// worth (its best weekly uplift on this grid over <see cref="WorldOptions.OptOutHorizonWeeks"/>). A one-week
/// lookahead, not a dynamic programme over the whole experiment. The member's own random streams are never touched.
/// </summary>
public sealed class WeekOracle
{
    /// <summary>The highest in-app cap evaluated: one a day, as the slow policy's default highest cap.</summary>
    public const int MaxInApp = 7;

    private const int MaxStackActions = 256;

    private readonly SimulatedMember _member;
    private readonly OracleAction[] _actions;
    private readonly OracleAction[] _inAppCaps;
    private readonly OracleWeek _week;

    internal WeekOracle(SimulatedMember member, DateTimeOffset weekStart, ActionGrid grid, OracleStart start)
    {
        _member = member;
        WeekStart = weekStart;
        Grid = grid;
        _actions = new OracleAction[grid.Count];
        _inAppCaps = new OracleAction[MaxInApp + 1];
        var pricing = Solve(member, start, grid, _actions, _inAppCaps, out var bestCap);
        _week = new OracleWeek(_inAppCaps[bestCap], _inAppCaps[0], pricing, start);
    }

    /// <summary>The week's start.</summary>
    public DateTimeOffset WeekStart { get; }

    /// <summary>The grid evaluated.</summary>
    public ActionGrid Grid { get; }

    /// <summary>Every grid action's truth without in-app messages, in the grid's index order.</summary>
    public IReadOnlyList<OracleAction> Actions => _actions;

    /// <summary>The truth of each in-app cap 0..<see cref="MaxInApp"/> (indexed by the cap) with the grid's best push and email.</summary>
    public IReadOnlyList<OracleAction> InAppCaps => _inAppCaps;

    /// <summary>
    /// The plan of highest value: the grid's best action (among ties, the first in grid order: fewest pushes, then
    /// fewest emails) with the in-app cap of highest value for it (among ties, the lowest).
    /// </summary>
    public OracleAction Best => _week.Best;

    /// <summary>What keeping push is worth, in engaged days: its best weekly uplift on the grid over the opt-out horizon (0 when closed).</summary>
    public double PushChannelValue => _week.Pricing.PushChannelValue;

    /// <summary>What keeping email is worth, likewise.</summary>
    public double EmailChannelValue => _week.Pricing.EmailChannelValue;

    /// <summary>
    /// The truth about any plan, on the grid or not: <paramref name="push"/> and <paramref name="email"/> a week and an
    /// in-app cap of <paramref name="inApp"/>, paced over the week's app sessions.
    /// </summary>
    public OracleAction ValueOf(int push, int email, int inApp = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(push);
        ArgumentOutOfRangeException.ThrowIfNegative(email);
        ArgumentOutOfRangeException.ThrowIfNegative(inApp);
        if (inApp == 0 && Grid.IndexOf(push, email) is var index and >= 0) return _actions[index];
        if (inApp <= MaxInApp && push == _inAppCaps[0].Push && email == _inAppCaps[0].Email) return _inAppCaps[inApp];
        return _week.Pricing.Complete(push, email, inApp, _member.Evaluate(_week.Start, push, email, inApp));
    }

    /// <summary>
    /// The truth about a week that sent <paramref name="push"/> pushes, <paramref name="email"/> emails and showed
    /// <paramref name="inApp"/> in-app messages (e.g. what an arm did): pushes and emails spread evenly as in a plan, the
    /// in-app messages spread evenly over the week's session slots. Without in-app messages it is the plan's value.
    /// </summary>
    public OracleAction ValueOfSent(int push, int email, int inApp)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inApp);
        return inApp == 0 ? ValueOf(push, email) : _week.ValueOfSent(_member, push, email, inApp);
    }

    /// <summary>
    /// Value lost by a week that sent <paramref name="push"/>, <paramref name="email"/> and <paramref name="inApp"/>
    /// (<see cref="ValueOfSent"/>) instead of <see cref="Best"/>'s plan. Negative off the grid, and where the in-app
    /// messages shown, a realised count rather than a cap, happened to be worth more than the cap's expectation.
    /// </summary>
    public double Regret(int push, int email, int inApp = 0) => Best.Value - ValueOfSent(push, email, inApp).Value;

    /// <summary>
    /// What an experiment keeps of a member's week on <see cref="ActionGrid.Default"/>: its best plan and the prices that
    /// value any other, solved on the stack. The whole oracle's 100 actions (8 KB) would be garbage at every member-week.
    /// </summary>
    internal static OracleWeek Summarise(SimulatedMember member, OracleStart start)
    {
        var grid = ActionGrid.Default;
        Span<OracleAction> actions = grid.Count <= MaxStackActions ? stackalloc OracleAction[grid.Count] : new OracleAction[grid.Count];
        return Summarise(member, start, actions);
    }

    /// <summary>As <see cref="Summarise(SimulatedMember, OracleStart)"/>, leaving every action of the default grid's truth in <paramref name="actions"/> (grid order).</summary>
    internal static OracleWeek Summarise(SimulatedMember member, OracleStart start, Span<OracleAction> actions)
    {
        var grid = ActionGrid.Default;
        Span<OracleAction> caps = stackalloc OracleAction[MaxInApp + 1];
        var pricing = Solve(member, start, grid, actions, caps, out var bestCap);
        return new OracleWeek(caps[bestCap], caps[0], pricing, start);
    }

    // Values every action of the grid without in-app messages into actions (grid order), then the in-app caps
    // 0..MaxInApp of the best of them into caps; returns the prices and the best cap.
    private static OraclePricing Solve(SimulatedMember member, OracleStart start, ActionGrid grid, Span<OracleAction> actions, Span<OracleAction> caps, out int bestCap)
    {
        // Scratch for the kernel's results; on the stack for grids up to a few hundred actions (the default has 98).
        var raw = grid.Count <= MaxStackActions ? stackalloc OracleRaw[grid.Count] : new OracleRaw[grid.Count];
        var gridActions = grid.Actions;
        if (start.PushOpen && start.EmailOpen && Vector256.IsHardwareAccelerated)
        {
            EvaluateOnLanes(member, start, grid, raw);
        }
        else
        {
            for (var i = 0; i < raw.Length; i++)
            {
                // On a closed channel the action sends nothing there: reuse the evaluation of its level 0 (earlier in push-major order).
                var (push, email) = (gridActions[i].Push, gridActions[i].Email);
                raw[i] = !start.PushOpen && push > 0 ? raw[grid.IndexOf(0, email)]
                    : !start.EmailOpen && email > 0 ? raw[grid.IndexOf(push, 0)]
                    : member.Evaluate(start, push, email);
            }
        }

        // Every grid starts at (0, 0): the quiet week, against which carry-over and channel worth are measured.
        var quiet = raw[grid.IndexOf(0, 0)];
        var quietTotal = quiet.EngagedDays + quiet.QuietWeekAfter;
        double bestPush = quietTotal, bestEmail = quietTotal;
        foreach (var push in grid.PushLevels)
        {
            var r = raw[grid.IndexOf(push, 0)];
            bestPush = Math.Max(bestPush, r.EngagedDays + r.QuietWeekAfter);
        }

        foreach (var email in grid.EmailLevels)
        {
            var r = raw[grid.IndexOf(0, email)];
            bestEmail = Math.Max(bestEmail, r.EngagedDays + r.QuietWeekAfter);
        }

        var horizon = member.HorizonWeeks;
        var pricing = new OraclePricing(quiet.QuietWeekAfter, horizon * (bestPush - quietTotal), horizon * (bestEmail - quietTotal));
        var best = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            actions[i] = pricing.Complete(gridActions[i].Push, gridActions[i].Email, 0, raw[i]);
            if (actions[i].Value > actions[best].Value) best = i;
        }

        // Cap 0 is the grid's own best action; the others add in-app messages to it.
        var chosen = actions[best];
        Span<OracleRaw> capped = stackalloc OracleRaw[MaxInApp];
        EvaluateInAppCaps(member, start, chosen.Push, chosen.Email, capped);
        caps[0] = chosen;
        bestCap = 0;
        for (var cap = 1; cap <= MaxInApp; cap++)
        {
            caps[cap] = pricing.Complete(chosen.Push, chosen.Email, cap, capped[cap - 1]);
            if (caps[cap].Value > caps[bestCap].Value) bestCap = cap;
        }

        return pricing;
    }

    // Runs of actions with the same total sends, four at a time.
    private static void EvaluateOnLanes(SimulatedMember member, OracleStart start, ActionGrid grid, Span<OracleRaw> raw)
    {
        var order = member.LaneOrder(grid);
        Span<int> pushes = stackalloc int[Vector256<double>.Count];
        Span<OracleRaw> results = stackalloc OracleRaw[Vector256<double>.Count];
        ReadOnlySpan<int> noInApp = stackalloc int[Vector256<double>.Count];
        var i = 0;
        while (i < order.Length)
        {
            var total = grid[order[i]].Push + grid[order[i]].Email;
            var lanes = 0;
            while (i + lanes < order.Length && lanes < pushes.Length && grid[order[i + lanes]].Push + grid[order[i + lanes]].Email == total)
            {
                pushes[lanes] = grid[order[i + lanes]].Push;
                lanes++;
            }

            member.EvaluateLanes(start, total, pushes[..lanes], noInApp[..lanes], results);
            for (var j = 0; j < lanes; j++) raw[order[i + j]] = results[j];
            i += lanes;
        }
    }

    // The caps 1..MaxInApp with one push and email action: the same timeline, so four caps at a time on vector lanes.
    private static void EvaluateInAppCaps(SimulatedMember member, OracleStart start, int push, int email, Span<OracleRaw> raw)
    {
        if (!(start.PushOpen && start.EmailOpen && Vector256.IsHardwareAccelerated))
        {
            for (var cap = 1; cap <= raw.Length; cap++) raw[cap - 1] = member.Evaluate(start, push, email, cap);
            return;
        }

        Span<int> pushes = stackalloc int[Vector256<double>.Count];
        Span<int> caps = stackalloc int[Vector256<double>.Count];
        pushes.Fill(push);
        for (var first = 0; first < raw.Length; first += Vector256<double>.Count)
        {
            var lanes = Math.Min(Vector256<double>.Count, raw.Length - first);
            for (var j = 0; j < lanes; j++) caps[j] = first + j + 1;
            member.EvaluateLanes(start, push + email, pushes[..lanes], caps[..lanes], raw.Slice(first, lanes));
        }
    }
}
