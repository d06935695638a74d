namespace NotificationActors.Learning.Models;

/// <summary>
/// Ridge regression solved exactly from its sufficient statistics: the sums of x, y, x x' and x y over the rows,
/// gathered in one pass, then the normal equations on standardised features, (C + l2 I) b = c, by Cholesky. The
/// minimiser of mean(1/2 (y - score)^2) + l2/2 |b|^2, the objective of ML.NET's SDCA regression, without SDCA's
/// hundreds of passes over the rows: ML.NET's exact least-squares trainer (OLS) needs its MKL components, which are not
/// served here. Standardising keeps the correlated crossed bases well conditioned; the weights are returned unstandardised,
/// so serving multiplies raw features. A constant feature (zero variance) gets weight 0, its level in the bias.
/// </summary>
internal sealed class RidgeRegression
{
    private readonly int _length;
    private readonly double[] _sum;
    private readonly double[] _cross;
    private readonly double[] _covariance;
    private double _labelSum;
    private double _weightSum;

    public RidgeRegression(int length)
    {
        _length = length;
        _sum = new double[length];
        _cross = new double[length];
        _covariance = new double[length * length];
    }

    /// <summary>Rows added.</summary>
    public long Rows { get; private set; }

    /// <summary>Adds one row's features and label to the statistics, counted <paramref name="weight"/> times.</summary>
    public void Add(ReadOnlySpan<float> features, double label, double weight = 1)
    {
        if (features.Length != _length) throw new ArgumentException($"A row has {features.Length} features; the regression has {_length}.", nameof(features));
        if (!(weight > 0) || double.IsInfinity(weight)) throw new ArgumentOutOfRangeException(nameof(weight), weight, "A row's weight must be positive and finite.");
        Rows++;
        _weightSum += weight;
        _labelSum += weight * label;
        for (var i = 0; i < _length; i++)
        {
            var x = weight * features[i];
            _sum[i] += x;
            _cross[i] += x * label;

            // The upper triangle only; the solve mirrors it.
            var row = _covariance.AsSpan(i * _length);
            for (var j = i; j < _length; j++)
            {
                row[j] += x * features[j];
            }
        }
    }

    /// <summary>The fitted head with one penalty for every standardised weight: raw weights and bias.</summary>
    /// <exception cref="InvalidOperationException">No rows were added.</exception>
    public LinearHead Solve(double l2)
    {
        var penalties = new double[_length];
        Array.Fill(penalties, l2);
        return Solve(penalties);
    }

    /// <summary>
    /// The fitted head with a penalty per standardised weight (<paramref name="penalties"/>[i] for feature i): weights
    /// penalised harder are shrunk harder toward zero, as a prior that they are small. Raw weights and bias.
    /// </summary>
    /// <exception cref="InvalidOperationException">No rows were added.</exception>
    public LinearHead Solve(ReadOnlySpan<double> penalties)
    {
        if (penalties.Length != _length) throw new ArgumentException($"{penalties.Length} penalties for {_length} features.", nameof(penalties));
        if (Rows == 0) throw new InvalidOperationException("A ridge regression needs at least one row.");
        var n = _weightSum;
        var labelMean = _labelSum / n;
        var mean = new double[_length];
        var scale = new double[_length];
        for (var i = 0; i < _length; i++)
        {
            mean[i] = _sum[i] / n;
            var variance = (_covariance[(i * _length) + i] / n) - (mean[i] * mean[i]);
            scale[i] = variance > 1e-12 ? Math.Sqrt(variance) : 0;
        }

        // The standardised, centred system: C[i, j] = cov(x_i, x_j) / (s_i s_j) + l2 [i = j], c[i] = cov(x_i, y) / s_i.
        var system = new double[_length * _length];
        var target = new double[_length];
        for (var i = 0; i < _length; i++)
        {
            if (scale[i] == 0)
            {
                system[(i * _length) + i] = 1;
                continue;
            }

            target[i] = ((_cross[i] / n) - (mean[i] * labelMean)) / scale[i];
            for (var j = i; j < _length; j++)
            {
                if (scale[j] == 0) continue;
                var value = ((_covariance[(i * _length) + j] / n) - (mean[i] * mean[j])) / (scale[i] * scale[j]);
                system[(i * _length) + j] = system[(j * _length) + i] = value;
            }

            system[(i * _length) + i] += penalties[i];
        }

        var standardised = CholeskySolve(system, target, _length);
        var weights = new float[_length];
        var bias = labelMean;
        for (var i = 0; i < _length; i++)
        {
            if (scale[i] == 0) continue;
            var weight = standardised[i] / scale[i];
            weights[i] = (float)weight;
            bias -= weight * mean[i];
        }

        return new LinearHead(weights, bias);
    }

    // Solves A x = b for a symmetric positive definite A (row-major, overwritten by its factor). A pivot that is not
    // positive (collinear features and no ridge) is floored, so the fit degrades to the ridge's shrinkage rather than failing.
    private static double[] CholeskySolve(double[] a, double[] b, int n)
    {
        for (var j = 0; j < n; j++)
        {
            var pivot = a[(j * n) + j];
            for (var k = 0; k < j; k++) pivot -= a[(j * n) + k] * a[(j * n) + k];
            pivot = Math.Sqrt(Math.Max(pivot, 1e-12));
            a[(j * n) + j] = pivot;
            for (var i = j + 1; i < n; i++)
            {
                var value = a[(i * n) + j];
                for (var k = 0; k < j; k++) value -= a[(i * n) + k] * a[(j * n) + k];
                a[(i * n) + j] = value / pivot;
            }
        }

        // L y = b, then L' x = y.
        var x = (double[])b.Clone();
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < i; k++) x[i] -= a[(i * n) + k] * x[k];
            x[i] /= a[(i * n) + i];
        }

        for (var i = n - 1; i >= 0; i--)
        {
            for (var k = i + 1; k < n; k++) x[i] -= a[(k * n) + i] * x[k];
            x[i] /= a[(i * n) + i];
        }

        return x;
    }
}
