using NotificationActors.Abstractions.Members;
using NotificationActors.Learning.Artefacts;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// The world's true effect of the pacing coins' sends per intent and channel, to check the causal ranker's calibration
/// against. Each send the coins could have held adds the world's <see cref="World.SimulatedMember.EffectOf"/> weighted
/// by 1 over its propensity, so a cell's weighted mean is close to the mean effect over all of the cell's coin
/// decisions, sends and holds alike, which the card's sends-less-holds estimate targets. (The log weighs a send by the
/// chance its best candidate went out, which the caller does not see; the cells' true effects vary little within a
/// cell, so the difference is small.)
/// </summary>
public sealed class EffectTruth
{
    // The learning log clips inverse propensities at 20 (CausalData); the truth is weighted the same way.
    private const double MaxWeight = 20;

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Week, string Category, string Channel), Cell> _cells = [];

    /// <summary>Adds a send of <paramref name="category"/> on <paramref name="channel"/> in <paramref name="week"/> that the coins let out with chance <paramref name="sendProbability"/>.</summary>
    public void Add(string week, string category, MessageChannel channel, double sendProbability, double effect)
    {
        if (sendProbability is not (> 0 and < 1)) return;
        var weight = Math.Min(MaxWeight, 1 / sendProbability);
        var key = (week, category, channel.ToString().ToLowerInvariant());
        lock (_lock)
        {
            var cell = _cells.GetValueOrDefault(key);
            _cells[key] = new Cell(cell.Weight + weight, cell.Sum + (weight * effect), cell.Sends + 1);
        }
    }

    /// <summary>
    /// Each calibrated cell of <paramref name="card"/> against the truth over the weeks its data came from: the cell is
    /// within when its calibrated effect (prediction, shared gap and own offset) lies within the half-width of its 95%
    /// interval of the true mean effect.
    /// </summary>
    public IReadOnlyList<EffectCheck> Check(ModelCard card)
    {
        if (card.CausalRanker is not { } ranker || card.DataFrom is not { } from || card.DataTo is not { } to) return [];
        Dictionary<(string Category, string Channel), Cell> truth;
        lock (_lock)
        {
            truth = _cells
                .Where(c => string.CompareOrdinal(c.Key.Week, from) >= 0 && string.CompareOrdinal(c.Key.Week, to) <= 0)
                .GroupBy(c => (c.Key.Category, c.Key.Channel))
                .ToDictionary(g => g.Key, g => new Cell(g.Sum(c => c.Value.Weight), g.Sum(c => c.Value.Sum), g.Sum(c => c.Value.Sends)));
        }

        return [.. ranker.Calibration
            .Where(c => c.Observed is not null && truth.ContainsKey((c.Category, c.Channel)))
            .Select(c =>
            {
                var cell = truth[(c.Category, c.Channel)];
                return new EffectCheck(card.Version, c.Category, c.Channel, c.Sends + c.Holds, c.Predicted + c.Shared + c.Offset, c.Observed!.Value,
                    (c.ObservedUpper!.Value - c.ObservedLower!.Value) / 2, cell.Sum / cell.Weight);
            })];
    }

    private readonly record struct Cell(double Weight, double Sum, int Sends);
}

/// <summary>One intent on one channel: the causal ranker's calibrated effect and its estimate against the world's truth.</summary>
/// <param name="Version">The trained version whose card the cell is from.</param>
/// <param name="Category">The intent.</param>
/// <param name="Channel">push, email or inapp.</param>
/// <param name="Decisions">Held-out randomised decisions (sends and holds) the card's estimate used.</param>
/// <param name="Calibrated">The ranker's mean effect after the cell's offset, in engaged days over two days.</param>
/// <param name="Observed">The card's sends-less-holds estimate.</param>
/// <param name="HalfWidth">Half the width of the estimate's 95% interval.</param>
/// <param name="Truth">The world's mean effect over the cell's coin decisions.</param>
public sealed record EffectCheck(string Version, string Category, string Channel, int Decisions, double Calibrated, double Observed, double HalfWidth, double Truth)
{
    /// <summary>Whether the calibrated effect lies within the interval's half-width of the truth.</summary>
    public bool Within => Math.Abs(Calibrated - Truth) <= HalfWidth;
}
