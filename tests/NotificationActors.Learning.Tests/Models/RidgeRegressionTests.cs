using NotificationActors.Learning.Models;

namespace NotificationActors.Learning.Tests.Models;

public sealed class RidgeRegressionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void WithoutNoiseOrPenaltyItRecoversTheLineThatMadeTheLabels(int seed)
    {
        var random = new Random(seed);
        var truth = Enumerable.Range(0, 6).Select(_ => (random.NextDouble() * 4) - 2).ToArray();
        const double bias = 1.5;
        var ridge = new RidgeRegression(truth.Length);
        var row = new float[truth.Length];
        for (var r = 0; r < 2_000; r++)
        {
            for (var i = 0; i < row.Length; i++) row[i] = (float)(random.NextDouble() * (i + 1));
            ridge.Add(row, bias + truth.Select((w, i) => w * row[i]).Sum());
        }

        var head = ridge.Solve(l2: 0);

        for (var i = 0; i < truth.Length; i++) Assert.Equal(truth[i], head.Weights[i], 1e-3);
        Assert.Equal(bias, head.Bias, 1e-3);
    }

    /// <summary>
    /// On noisy, correlated rows with a real penalty the solution is the objective's minimum: every small step away from
    /// it, in any direction of the weights or the bias, costs more.
    /// </summary>
    [Theory]
    [InlineData(1, 0.001)]
    [InlineData(2, 0.5)]
    [InlineData(3, 5)]
    public void ItsWeightsMinimiseTheMeanSquaredErrorPlusThePenaltyOnStandardisedWeights(int seed, double l2)
    {
        var random = new Random(seed);
        var rows = new List<(float[] X, double Y)>();
        for (var r = 0; r < 500; r++)
        {
            var a = random.NextDouble() * 3;
            float[] x = [(float)a, (float)Math.Log(1 + a), (float)((a * random.NextDouble()) + 2), 1];
            rows.Add((x, (2 * a) - Math.Log(1 + a) + (random.NextDouble() * 2)));
        }

        var ridge = new RidgeRegression(4);
        foreach (var (x, y) in rows) ridge.Add(x, y);
        var head = ridge.Solve(l2);

        var scale = Enumerable.Range(0, 4).Select(i => StandardDeviation(rows.Select(r => (double)r.X[i]))).ToArray();
        double Objective(double[] w, double b) =>
            (rows.Average(r => Math.Pow(r.Y - b - w.Select((wi, i) => wi * r.X[i]).Sum(), 2)) / 2)
            + (l2 / 2 * w.Select((wi, i) => Math.Pow(wi * scale[i], 2)).Sum());

        var weights = head.Weights.Select(w => (double)w).ToArray();
        var best = Objective(weights, head.Bias);
        for (var trial = 0; trial < 50; trial++)
        {
            var step = weights.Select((w, i) => w + (scale[i] > 0 ? (random.NextDouble() - 0.5) * 1e-2 / scale[i] : 0)).ToArray();
            Assert.True(Objective(step, head.Bias + ((random.NextDouble() - 0.5) * 1e-2)) >= best - 1e-9, $"a step lowered the objective below {best}");
        }
    }

    [Fact]
    public void AConstantFeatureGetsNoWeightAndItsLevelGoesToTheBias()
    {
        var ridge = new RidgeRegression(2);
        for (var r = 0; r < 100; r++) ridge.Add([1, r], 3 + (0.5 * r));

        var head = ridge.Solve(l2: 0);

        Assert.Equal(0, head.Weights[0]);
        Assert.Equal(0.5, head.Weights[1], 1e-6);
        Assert.Equal(3, head.Bias, 1e-4);
    }

    [Fact]
    public void ARowOfWeightThreeFitsAsThreeCopiesOfItAndAHeavierPenaltyShrinksOnlyItsWeight()
    {
        var random = new Random(4);
        var (weighted, copied) = (new RidgeRegression(3), new RidgeRegression(3));
        for (var r = 0; r < 200; r++)
        {
            float[] x = [(float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble()];
            var (y, times) = ((2 * x[0]) - x[1] + (0.5 * x[2]) + random.NextDouble(), 1 + random.Next(3));
            weighted.Add(x, y, times);
            for (var c = 0; c < times; c++) copied.Add(x, y);
        }

        var (a, b) = (weighted.Solve(0.1), copied.Solve(0.1));
        Assert.Equal(b.Bias, a.Bias, 1e-9);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(b.Weights[i], a.Weights[i], 1e-5));

        var shrunk = weighted.Solve([0.1, 100, 0.1]);
        Assert.True(Math.Abs(shrunk.Weights[1]) < 0.1 * Math.Abs(a.Weights[1]), $"{shrunk.Weights[1]} against {a.Weights[1]}");
        Assert.Equal(a.Weights[0], shrunk.Weights[0], 0.3);
    }

    [Fact]
    public void ARowOfTheWrongLengthOrNoRowsAtAllIsRefused()
    {
        var ridge = new RidgeRegression(3);
        Assert.Throws<InvalidOperationException>(() => ridge.Solve(0.1));
        Assert.Contains("2 features", Assert.Throws<ArgumentException>(() => ridge.Add([1, 2], 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ridge.Add([1, 2, 3], 0, weight: 0));
        Assert.Throws<ArgumentException>(() => ridge.Solve([0.1, 0.1]));
    }

    private static double StandardDeviation(IEnumerable<double> values)
    {
        var list = values.ToList();
        var mean = list.Average();
        return Math.Sqrt(list.Average(v => (v - mean) * (v - mean)));
    }
}
