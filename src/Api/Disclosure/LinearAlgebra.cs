namespace CommunityJustice.Analytics.Api.Disclosure;

/// <summary>Which unknowns of a homogeneous linear system are fixed by it (exactly recoverable).</summary>
public static class LinearAlgebra
{
    private const double Tolerance = 1e-9;

    /// <summary>
    /// Columns j such that the unit vector e_j lies in the row space of the matrix: then the value
    /// of unknown j follows from the equations and the known values, whatever the other unknowns are.
    /// </summary>
    public static IReadOnlyList<int> DeterminedColumns(IReadOnlyList<double[]> matrix, int columns)
    {
        var rows = matrix.Select(r => (double[])r.Clone()).ToList();
        var pivotColumns = new List<int>();
        var rank = 0;
        for (var col = 0; col < columns && rank < rows.Count; col++)
        {
            var best = rank;
            for (var r = rank + 1; r < rows.Count; r++) if (Math.Abs(rows[r][col]) > Math.Abs(rows[best][col])) best = r;
            if (Math.Abs(rows[best][col]) < Tolerance) continue;
            (rows[rank], rows[best]) = (rows[best], rows[rank]);
            var pivot = rows[rank][col];
            for (var k = 0; k < columns; k++) rows[rank][k] /= pivot;
            for (var r = 0; r < rows.Count; r++)
            {
                if (r == rank || Math.Abs(rows[r][col]) < Tolerance) continue;
                var factor = rows[r][col];
                for (var k = 0; k < columns; k++) rows[r][k] -= factor * rows[rank][k];
            }
            pivotColumns.Add(col);
            rank++;
        }
        var determined = new List<int>();
        for (var r = 0; r < rank; r++)
        {
            var col = pivotColumns[r];
            var alone = true;
            for (var k = 0; k < columns && alone; k++) if (k != col && Math.Abs(rows[r][k]) > Tolerance) alone = false;
            if (alone) determined.Add(col);
        }
        return determined;
    }
}
