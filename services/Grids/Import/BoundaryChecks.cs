using NetTopologySuite.Geometries.Prepared;
using Nts = NetTopologySuite.Geometries;

namespace Governance.Grids.Import;

/// <summary>Something about imported boundaries a person should look at, though it is not refused:
/// siblings that overlap, a parent not covered by its children, a child outside its re-drawn parent.</summary>
/// <param name="Kind">overlap, gap or outside-parent.</param>
public sealed record BoundaryWarning(string Kind, IReadOnlyList<string> Units, double AreaSquareMetres, string Message);

/// <summary>
/// A boundary against the tree around it. Refused (errors naming the feature): a unit outside the
/// boundary of its nearest ancestor that has one — its parent, else the grid, village, township or
/// county above — by more than the tolerance; the county's own extent is so enforced on everything
/// below it. Reported (warnings): siblings that overlap, the part of a parent that none of its children
/// covers once all of them have boundaries, and a child left outside a parent drawn anew.
/// </summary>
public static class BoundaryChecks
{
    public static async Task<IReadOnlyList<BoundaryWarning>> RunAsync(UnitOfWork<GridsDatabase> uow,
        IReadOnlyList<(int Index, UnitBoundary Boundary)> imported, FieldErrors errors, BoundaryOptions options)
    {
        var tree = await UnitStore.TreeAsync(uow);
        var children = tree.Values.Where(u => !u.Retired && u.ParentCode is not null).ToLookup(u => u.ParentCode!, StringComparer.Ordinal);
        var importedShapes = imported.ToDictionary(b => b.Boundary.UnitCode, b => b.Boundary.Shape, StringComparer.Ordinal);

        // Parents whose children are looked at together: the parent of every imported unit, and every imported unit that has children.
        var parents = imported.Select(b => tree[b.Boundary.UnitCode].ParentCode).OfType<string>()
            .Concat(importedShapes.Keys.Where(code => children[code].Any())).Distinct().ToList();
        var wanted = imported.SelectMany(b => Ancestors(tree, b.Boundary.UnitCode))
            .Concat(parents).Concat(parents.SelectMany(p => children[p].Select(u => u.Code)))
            .Where(code => !importedShapes.ContainsKey(code));
        var stored = await BoundaryStore.ShapesAsync(uow, wanted);
        Shape? ShapeOf(string code) => importedShapes.TryGetValue(code, out var shape) ? shape : stored.GetValueOrDefault(code);

        var grown = new Dictionary<string, IPreparedGeometry>(StringComparer.Ordinal);
        IPreparedGeometry Grown(string code) =>
            grown.TryGetValue(code, out var g) ? g : grown[code] = Topology.Grown(ShapeOf(code)!, options.ParentToleranceMetres);
        var geometries = new Dictionary<string, Nts.MultiPolygon>(StringComparer.Ordinal);
        Nts.MultiPolygon GeometryOf(string code) =>
            geometries.TryGetValue(code, out var g) ? g : geometries[code] = Topology.ToGeometry(ShapeOf(code)!);

        foreach (var (index, boundary) in imported)
        {
            if (Ancestors(tree, boundary.UnitCode).FirstOrDefault(a => ShapeOf(a) is not null) is not { } ancestor) continue;
            if (!Grown(ancestor).Covers(GeometryOf(boundary.UnitCode)))
                errors.Add($"features[{index}].geometry",
                    $"'{boundary.UnitCode}' lies outside the boundary of the {Codes.Of(tree[ancestor].Level)} above it ('{ancestor}') by more than {options.ParentToleranceMetres:0.#} m.");
        }
        if (errors.Any) return [];

        var warnings = new List<BoundaryWarning>();
        foreach (var parent in parents)
        {
            var kids = children[parent].Select(u => u.Code).Where(code => ShapeOf(code) is not null).OrderBy(code => code, StringComparer.Ordinal).ToList();
            Overlaps(kids, importedShapes, GeometryOf, options, warnings);
            if (ShapeOf(parent) is null) continue;
            // A child drawn before its parent was drawn anew (imported children were held to the parent above).
            foreach (var kid in kids.Where(k => !importedShapes.ContainsKey(k) && !Grown(parent).Covers(GeometryOf(k))))
                warnings.Add(new BoundaryWarning("outside-parent", [parent, kid], 0,
                    $"'{kid}' reaches outside the new boundary of '{parent}' by more than {options.ParentToleranceMetres:0.#} m."));
            // A gap means nothing once some children have no boundary yet: it would be theirs.
            if (kids.Count == 0 || kids.Count < children[parent].Count()) continue;
            var uncovered = Topology.UncoveredSquareMetres(GeometryOf(parent), kids.Select(k => (Nts.Geometry)GeometryOf(k)).ToList());
            if (uncovered > options.ReportAreaSquareMetres)
                warnings.Add(new BoundaryWarning("gap", [parent], Math.Round(uncovered),
                    $"{Math.Round(uncovered):0} m² of '{parent}' lie in none of its {kids.Count} children."));
        }
        return warnings;
    }

    /// <summary>Pairs of siblings, one of them imported now, that share more than a border.</summary>
    private static void Overlaps(IReadOnlyList<string> kids, IReadOnlyDictionary<string, Shape> imported,
        Func<string, Nts.MultiPolygon> geometryOf, BoundaryOptions options, List<BoundaryWarning> warnings)
    {
        var index = new NetTopologySuite.Index.Strtree.STRtree<string>();
        foreach (var kid in kids) index.Insert(geometryOf(kid).EnvelopeInternal, kid);
        foreach (var a in kids.Where(imported.ContainsKey))
            foreach (var b in index.Query(geometryOf(a).EnvelopeInternal).Where(b => b != a).OrderBy(b => b, StringComparer.Ordinal))
            {
                // Each pair once: when both are imported, from the first of them.
                if (imported.ContainsKey(b) && string.CompareOrdinal(b, a) < 0) continue;
                var shared = Topology.SharedSquareMetres(geometryOf(a), geometryOf(b));
                if (shared > options.ReportAreaSquareMetres)
                    warnings.Add(new BoundaryWarning("overlap", [a, b], Math.Round(shared),
                        $"'{a}' and '{b}' overlap by {Math.Round(shared):0} m²: a point there is located in '{(string.CompareOrdinal(a, b) < 0 ? a : b)}' (the lower code)."));
            }
    }

    /// <summary>The units above this one, nearest first (at most the five levels there are).</summary>
    private static IEnumerable<string> Ancestors(IReadOnlyDictionary<string, UnitStore.TreeNode> tree, string code)
    {
        var current = tree.TryGetValue(code, out var node) ? node.ParentCode : null;
        for (var depth = 0; current is not null && depth < 8 && tree.TryGetValue(current, out var parent); depth++)
        {
            yield return current;
            current = parent.ParentCode;
        }
    }
}
