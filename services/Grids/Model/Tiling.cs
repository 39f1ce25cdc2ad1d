namespace Governance.Grids.Model;

/// <summary>
/// Splits a rectangle into n sub-rectangles that cover it exactly: a near-square grid of rows and
/// columns, the last row holding whatever is left over (its cells wider). Shared edges are computed
/// once, so neighbours meet without gaps or overlaps — the generated county's boundaries.
/// </summary>
public static class Tiling
{
    public static IReadOnlyList<BoundingBox> Split(BoundingBox parent, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var columns = (int)Math.Ceiling(Math.Sqrt(count));
        var rows = (count + columns - 1) / columns;
        var tiles = new List<BoundingBox>(count);
        for (var row = 0; row < rows; row++)
        {
            var inRow = row < rows - 1 ? columns : count - columns * (rows - 1);
            var (south, north) = (Edge(parent.MinLat, parent.MaxLat, row, rows), Edge(parent.MinLat, parent.MaxLat, row + 1, rows));
            for (var column = 0; column < inRow; column++)
                tiles.Add(new BoundingBox(south, Edge(parent.MinLng, parent.MaxLng, column, inRow),
                    north, Edge(parent.MinLng, parent.MaxLng, column + 1, inRow)));
        }
        return tiles;
    }

    // The outer edges are the parent's own values, not a product that rounds differently.
    private static double Edge(double min, double max, int index, int count) =>
        index == 0 ? min : index == count ? max : min + (max - min) * index / count;
}
