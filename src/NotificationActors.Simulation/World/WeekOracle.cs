using System.Runtime.Intrinsics;
using NotificationActors.Policy.Actions;

namespace NotificationActors.Simulation.World;

/// <summary>
/// The truth about a member's week, from its state at the week's start: the value of every weekly (push, email)
/// frequency of a grid, the best one, and the value of any other frequency, so the regret of a realised plan is
/// <c>Best.Value - ValueOf(push, email).Value</c>. Values are in engaged days: the week's expected engaged days, plus the
/// carry-over into a quiet week after it, minus each channel's opt-out probability times what the channel is worth
/// (its best weekly uplift on this grid over <see cref="WorldOptions.OptOutHorizonWeeks"/>). A one-week lookahead,
/// not a dynamic programme over the whole experiment. The member's own random streams are never touched.
/// </summary>
public sealed class WeekOracle
{
    private const int MaxStackActions = 256;

    private readonly SimulatedMember _member;
    private readonly OracleStart _start;
    private readonly OracleAction[] _actions;
    private readonly double _baselineAfter;
    private readonly double _horizon;

    internal WeekOracle(SimulatedMember member, DateTimeOffset weekStart, ActionGrid grid, OracleStart start)
    {
        _member = member;
        _start = start;
        WeekStart = weekStart;
        Grid = grid;
        _horizon = member.HorizonWeeks;
        // Scratch for the kernel's results; on the stack for grids up to a few hundred actions (the default has 98).
        var raw = grid.Count <= MaxStackActions ? stackalloc OracleRaw[grid.Count] : new OracleRaw[grid.Count];
        var actions = grid.Actions;
        if (start.PushOpen && start.EmailOpen && Vector256.IsHardwareAccelerated)
        {
            EvaluateOnLanes(member, start, grid, raw);
        }
        else
        {
            for (var i = 0; i < raw.Length; i++)
            {
                // On a closed channel the action sends nothing there: reuse the evaluation of its level 0 (earlier in push-major order).
                var (push, email) = (actions[i].Push, actions[i].Email);
                raw[i] = !start.PushOpen && push > 0 ? raw[grid.IndexOf(0, email)]
                    : !start.EmailOpen && email > 0 ? raw[grid.IndexOf(push, 0)]
                    : member.Evaluate(start, push, email);
            }
        }

        // Every grid starts at (0, 0): the quiet week, against which carry-over and channel worth are measured.
        var quiet = raw[grid.IndexOf(0, 0)];
        _baselineAfter = quiet.QuietWeekAfter;
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

        PushChannelValue = _horizon * (bestPush - quietTotal);
        EmailChannelValue = _horizon * (bestEmail - quietTotal);
        _actions = new OracleAction[raw.Length];
        var best = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            _actions[i] = Complete(actions[i].Push, actions[i].Email, raw[i]);
            if (_actions[i].Value > _actions[best].Value) best = i;
        }

        Best = _actions[best];
    }

    /// <summary>The week's start.</summary>
    public DateTimeOffset WeekStart { get; }

    /// <summary>The grid evaluated.</summary>
    public ActionGrid Grid { get; }

    /// <summary>Every grid action's truth, in the grid's index order.</summary>
    public IReadOnlyList<OracleAction> Actions => _actions;

    /// <summary>The action of highest value; among ties, the first in grid order (fewest pushes, then fewest emails).</summary>
    public OracleAction Best { get; }

    /// <summary>What keeping push is worth, in engaged days: its best weekly uplift on the grid over the opt-out horizon (0 when closed).</summary>
    public double PushChannelValue { get; }

    /// <summary>What keeping email is worth, likewise.</summary>
    public double EmailChannelValue { get; }

    /// <summary>The truth about any frequency, on the grid or not (e.g. what a plan actually sent).</summary>
    public OracleAction ValueOf(int push, int email)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(push);
        ArgumentOutOfRangeException.ThrowIfNegative(email);
        var index = Grid.IndexOf(push, email);
        return index >= 0 ? _actions[index] : Complete(push, email, _member.Evaluate(_start, push, email));
    }

    /// <summary>Value lost by sending <paramref name="push"/> and <paramref name="email"/> instead of <see cref="Best"/> (negative only off the grid).</summary>
    public double Regret(int push, int email) => Best.Value - ValueOf(push, email).Value;

    // Runs of actions with the same total sends, four at a time.
    private static void EvaluateOnLanes(SimulatedMember member, OracleStart start, ActionGrid grid, Span<OracleRaw> raw)
    {
        var order = member.LaneOrder(grid);
        Span<int> pushes = stackalloc int[Vector256<double>.Count];
        Span<OracleRaw> results = stackalloc OracleRaw[Vector256<double>.Count];
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

            member.EvaluateLanes(start, total, pushes[..lanes], results);
            for (var j = 0; j < lanes; j++) raw[order[i + j]] = results[j];
            i += lanes;
        }
    }

    private OracleAction Complete(int push, int email, OracleRaw raw)
    {
        var penalty = (raw.PushOptOut * PushChannelValue) + (raw.EmailOptOut * EmailChannelValue);
        var carryOver = raw.QuietWeekAfter - _baselineAfter;
        return new OracleAction(push, email, raw.EngagedDays, carryOver, raw.PushOptOut, raw.EmailOptOut, penalty, raw.EngagedDays + carryOver - penalty);
    }
}
