namespace NotificationActors.Simulation.World;

/// <summary>
/// exp(x) to about 1e-12 relative error in a few multiply-adds, 2-3x faster than <see cref="Math.Exp"/>: the oracle
/// evaluates thousands per member-week. The world uses it everywhere its model takes an exponential, so the oracle
/// and the simulated outcomes compute exactly the same functions.
/// </summary>
internal static class FastMath
{
    private const double Log2E = 1.4426950408889634;
    private const double Ln2 = 0.6931471805599453;

    public static double Exp(double x)
    {
        if (x < -700) return 0;
        if (x > 700) return double.PositiveInfinity;

        // exp(x) = 2^n * exp(g), with n the nearest integer to x / ln 2 and |g| <= ln 2 / 2; Taylor to g^10 / 10!.
        var t = Math.Round(x * Log2E);
        var g = x - (t * Ln2);
        var p = 1 + (g * (1 + (g * (1.0 / 2 + (g * (1.0 / 6 + (g * (1.0 / 24 + (g * (1.0 / 120 + (g * (1.0 / 720
            + (g * (1.0 / 5040 + (g * (1.0 / 40320 + (g * (1.0 / 362880 + (g / 3628800)))))))))))))))))));
        return p * BitConverter.Int64BitsToDouble((long)(t + 1023) << 52);
    }
}
