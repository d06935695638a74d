namespace NotificationActors.Abstractions.Learning;

/// <summary>
/// What a hierarchical arm's learning loop serves from a week on, naming stored model versions only, so every silo
/// serves the same models from the model store: the prior (priced with a version's opt-out models), the versions that
/// won their trials, and the version on trial for half the arm's members.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LoopServing
{
    /// <summary>The first ISO week planned with it.</summary>
    [Id(0)] public required string Week { get; init; }

    /// <summary>The version whose opt-out models and calibration price the prior's opt-outs; null for the built-in prior.</summary>
    [Id(1)] public string? PriorFrom { get; init; }

    /// <summary>
    /// The versions that won their trials, oldest first. The champion is the last, planning within the trust region
    /// around the plans of the one before it (the first, around the prior's); empty while the prior is the champion.
    /// </summary>
    [Id(2)] public string[] Promoted { get; init; } = [];

    /// <summary>The version on trial against the champion for half the arm's members; null between trials.</summary>
    [Id(3)] public string? Challenger { get; init; }

    /// <summary>What the loop did to get here, for people: the trial it decided, the version it trained and why.</summary>
    [Id(4)] public required string Summary { get; init; }

    /// <summary>The first week of <see cref="Challenger"/>'s trial; null between trials.</summary>
    [Id(5)] public string? ChallengerSince { get; init; }

    /// <summary>
    /// The version whose causal ranker won its trial and ranks for the ranking layer's causal arms; null while none has
    /// (they rank by the engagement ranker).
    /// </summary>
    [Id(6)] public string? Ranker { get; init; }

    /// <summary>The version whose causal ranker is on trial in the causal arms, dueling their ranker at every send; null between trials.</summary>
    [Id(7)] public string? RankerChallenger { get; init; }

    /// <summary>The first week of <see cref="RankerChallenger"/>'s trial; null between trials.</summary>
    [Id(8)] public string? RankerChallengerSince { get; init; }
}
