namespace NotificationActors.Policy.Actions;

/// <summary>
/// The slow policy's action space: every pair of a push level and an email level
/// (docs/policy.md: P=13, E=6 gives 98 actions). Levels are configuration, not constants.
/// Index layout is push-major: <c>index = pushLevel * EmailLevelCount + emailLevel</c>.
/// </summary>
public sealed class ActionGrid
{
    /// <summary>Default highest weekly push frequency.</summary>
    public const int DefaultMaxPushPerWeek = 13;

    /// <summary>Default highest weekly email frequency.</summary>
    public const int DefaultMaxEmailPerWeek = 6;

    /// <summary>Most levels per channel; keeps per-level scratch on the stack in the planning kernel.</summary>
    public const int MaxLevelsPerChannel = 64;

    private readonly int[] _pushLevels;
    private readonly int[] _emailLevels;
    private readonly PacingAction[] _actions;

    /// <summary>A grid over explicit levels. Each list must start at 0 (so an opted-out channel stays feasible) and rise strictly.</summary>
    public ActionGrid(IReadOnlyList<int> pushLevels, IReadOnlyList<int> emailLevels)
    {
        _pushLevels = ValidateLevels(pushLevels, nameof(pushLevels));
        _emailLevels = ValidateLevels(emailLevels, nameof(emailLevels));
        _actions = new PacingAction[_pushLevels.Length * _emailLevels.Length];
        for (var p = 0; p < _pushLevels.Length; p++)
        {
            for (var e = 0; e < _emailLevels.Length; e++)
            {
                var index = (p * _emailLevels.Length) + e;
                _actions[index] = new PacingAction(index, _pushLevels[p], _emailLevels[e]);
            }
        }
    }

    /// <summary>The default grid: push 0..13 by 1, email 0..6 by 1 (98 actions).</summary>
    public static ActionGrid Default { get; } = Uniform(DefaultMaxPushPerWeek, DefaultMaxEmailPerWeek);

    /// <summary>A grid with every frequency from 0 to the given maxima.</summary>
    public static ActionGrid Uniform(int maxPushPerWeek, int maxEmailPerWeek)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPushPerWeek);
        ArgumentOutOfRangeException.ThrowIfNegative(maxEmailPerWeek);
        return new ActionGrid(Enumerable.Range(0, maxPushPerWeek + 1).ToArray(), Enumerable.Range(0, maxEmailPerWeek + 1).ToArray());
    }

    /// <summary>Number of actions.</summary>
    public int Count => _actions.Length;

    /// <summary>Push levels, ascending, starting at 0.</summary>
    public ReadOnlySpan<int> PushLevels => _pushLevels;

    /// <summary>Email levels, ascending, starting at 0.</summary>
    public ReadOnlySpan<int> EmailLevels => _emailLevels;

    /// <summary>Every action in index order.</summary>
    public ReadOnlySpan<PacingAction> Actions => _actions;

    /// <summary>Highest push level.</summary>
    public int MaxPush => _pushLevels[^1];

    /// <summary>Highest email level.</summary>
    public int MaxEmail => _emailLevels[^1];

    /// <summary>The action at <paramref name="index"/>.</summary>
    public PacingAction this[int index] => _actions[index];

    /// <summary>The index of the action with exactly these frequencies, or -1 when the grid has none.</summary>
    public int IndexOf(int push, int email)
    {
        var p = Array.IndexOf(_pushLevels, push);
        var e = Array.IndexOf(_emailLevels, email);
        return p < 0 || e < 0 ? -1 : (p * _emailLevels.Length) + e;
    }

    private static int[] ValidateLevels(IReadOnlyList<int> levels, string name)
    {
        ArgumentNullException.ThrowIfNull(levels, name);
        if (levels.Count == 0 || levels[0] != 0)
        {
            throw new ArgumentException($"The {name} must start at 0 so that a member who opted out of the channel keeps a feasible action.", name);
        }

        if (levels.Count > MaxLevelsPerChannel)
        {
            throw new ArgumentException($"The {name} have {levels.Count} entries; at most {MaxLevelsPerChannel} are supported.", name);
        }

        for (var i = 1; i < levels.Count; i++)
        {
            if (levels[i] <= levels[i - 1])
            {
                throw new ArgumentException($"The {name} must rise strictly; entry {i} ({levels[i]}) follows {levels[i - 1]}.", name);
            }
        }

        return [.. levels];
    }
}
