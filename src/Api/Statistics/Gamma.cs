namespace CommunityJustice.Analytics.Api.Statistics;

/// <summary>The incomplete gamma function, as needed for exact Poisson limits (Numerical Recipes §6.2).</summary>
internal static class Gamma
{
    /// <summary>Q(a, x) = Γ(a, x) / Γ(a), for a &gt; 0, x ≥ 0.</summary>
    public static double UpperRegularized(double a, double x)
    {
        if (x <= 0) return 1;
        return x < a + 1 ? 1 - LowerSeries(a, x) : UpperContinuedFraction(a, x);
    }

    private static double LowerSeries(double a, double x)
    {
        double term = 1 / a, sum = term, ap = a;
        for (var n = 0; n < 10_000; n++)
        {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * 1e-15) break;
        }
        return sum * Math.Exp(-x + a * Math.Log(x) - LogGamma(a));
    }

    private static double UpperContinuedFraction(double a, double x)
    {
        const double tiny = 1e-300;
        double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (var i = 1; i < 10_000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b; if (Math.Abs(d) < tiny) d = tiny;
            c = b + an / c; if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15) break;
        }
        return Math.Exp(-x + a * Math.Log(x) - LogGamma(a)) * h;
    }

    // Lanczos approximation (g = 7, n = 9), accurate to about 15 significant digits.
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    public static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
