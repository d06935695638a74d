using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Models;

/// <summary>
/// Calibrates the parametric prior's opt-out hazards from the population: per channel, the opt-outs the log holds
/// against those the prior predicted for the same members at their planned frequencies, so its opt-out prices come
/// from data as soon as there is any. The ratio is shrunk toward 1 by a few pseudo-opt-outs, so a thin log moves the
/// prior a little and a rich one all the way. Reported per frequency band on the card, as a reliability table.
/// </summary>
internal static class OptOutCalibration
{
    // Bands of a channel's planned weekly frequency, for the reliability table: (lowest, highest) inclusive.
    private static readonly (int Low, int High)[] Bands = [(1, 2), (3, 5), (6, int.MaxValue)];

    public static IReadOnlyList<OptOutCalibrationCard> Calibrate(ReadOnlySpan<LearningRow> rows, ParametricRewardModelOptions? options = null)
    {
        var prior = new ParametricRewardModel(options);
        var grid = ActionGrid.Uniform(Math.Max(1, MaxOf(rows, r => r.Push)), Math.Max(1, MaxOf(rows, r => r.Email)));
        var rewards = new double[grid.Count * prior.RewardNames.Count];
        var optOut = new double[grid.Count * 2];
        var bands = new (double Predicted, int Observed, int Weeks)[2, Bands.Length];
        var totals = new (double Predicted, int Observed, int Weeks)[2];
        foreach (ref readonly var row in rows)
        {
            prior.Predict(row.Features, grid, rewards, optOut);
            var action = grid.IndexOf(row.Push, row.Email);
            Add(0, row.Push, optOut[action], row.PushOptOut);
            Add(1, row.Email, optOut[grid.Count + action], row.EmailOptOut);
        }

        return [Card("push", 0), Card("email", 1)];

        void Add(int channel, int frequency, double predicted, bool observed)
        {
            if (frequency <= 0) return;
            totals[channel] = (totals[channel].Predicted + predicted, totals[channel].Observed + (observed ? 1 : 0), totals[channel].Weeks + 1);
            var band = Array.FindIndex(Bands, b => frequency >= b.Low && frequency <= b.High);
            bands[channel, band] = (bands[channel, band].Predicted + predicted, bands[channel, band].Observed + (observed ? 1 : 0), bands[channel, band].Weeks + 1);
        }

        OptOutCalibrationCard Card(string channel, int c)
        {
            var (predicted, observed, weeks) = totals[c];
            return new OptOutCalibrationCard
            {
                Channel = channel,
                Weeks = weeks,
                ObservedRate = weeks == 0 ? 0 : (double)observed / weeks,
                PriorRate = weeks == 0 ? 0 : predicted / weeks,
                Scale = OptOutScaledModel.ScaleFrom(observed, predicted),
                Bands = [.. Enumerable.Range(0, Bands.Length).Select(b => new OptOutCalibrationBand
                {
                    Frequencies = Bands[b].High == int.MaxValue ? $"{Bands[b].Low}+" : $"{Bands[b].Low}-{Bands[b].High}",
                    Weeks = bands[c, b].Weeks,
                    ObservedRate = bands[c, b].Weeks == 0 ? 0 : (double)bands[c, b].Observed / bands[c, b].Weeks,
                    PriorRate = bands[c, b].Weeks == 0 ? 0 : bands[c, b].Predicted / bands[c, b].Weeks,
                })],
            };
        }
    }

    /// <summary>The prior's options with each channel's hazard scaled by its calibration.</summary>
    public static ParametricRewardModelOptions Apply(IReadOnlyList<OptOutCalibrationCard> calibration, ParametricRewardModelOptions? options = null)
    {
        double Scale(string channel) => calibration.FirstOrDefault(c => c.Channel == channel)?.Scale ?? 1;
        return (options ?? new ParametricRewardModelOptions()).WithOptOutScale(Scale("push"), Scale("email"));
    }

    private static int MaxOf(ReadOnlySpan<LearningRow> rows, Func<LearningRow, int> frequency)
    {
        var max = 0;
        foreach (ref readonly var row in rows) max = Math.Max(max, frequency(row));
        return max;
    }
}
