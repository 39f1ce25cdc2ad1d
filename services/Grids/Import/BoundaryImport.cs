using Governance.Grids.Handling;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Governance.Grids.Import;

/// <summary>
/// Boundaries from a GeoJSON FeatureCollection: each feature's properties.code names the unit
/// (grids and courtyards above all, but any level may have one), its geometry is a Polygon or
/// MultiPolygon in [longitude, latitude], WGS-84 (docs/coordinates.md). A unit's boundary is replaced
/// whole, and the change is in its history. Every feature is checked first — bounded in bytes and
/// positions, valid and simple, not wider than a county, inside the boundary above it
/// (<see cref="BoundaryChecks"/>) — and one bad feature changes nothing. Overlapping siblings and gaps
/// are reported in the answer, not refused.
/// </summary>
public static class BoundaryImport
{
    public static async Task<(ImportResult? Result, FieldErrors Errors)> RunAsync(UnitOfWork<GridsDatabase> uow, string json, string actor,
        BoundaryOptions? options = null)
    {
        options ??= new BoundaryOptions();
        var errors = new FieldErrors();
        JsonDocument document;
        try { document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 }); }
        catch (JsonException e) { return (null, errors.Add("body", GridsTexts.NotJson(e.Message))); }
        using var _ = document;

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || Text(root, "type") != "FeatureCollection")
            return (null, errors.Add("type", GridsTexts.FeatureCollection));
        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            return (null, errors.Add("features", GridsTexts.FeaturesArray));

        var boundaries = new List<(int Index, UnitBoundary Boundary)>();
        var firstOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var feature in features.EnumerateArray())
        {
            var prefix = $"features[{index}].";
            if (feature.ValueKind != JsonValueKind.Object || Text(feature, "type") != "Feature")
                errors.Add($"features[{index}]", GridsTexts.EachFeature);
            else
            {
                var code = feature.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                    ? Text(properties, "code") : null;
                if (string.IsNullOrWhiteSpace(code)) errors.Add(prefix + "properties.code", GridsTexts.PropertiesCode);
                else if (!firstOf.TryAdd(code, index)) errors.Add(prefix + "properties.code", GridsTexts.FeatureAlready(code, firstOf[code]));
                Shape? shape = null;
                if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind == JsonValueKind.Null)
                    errors.Add(prefix + "geometry", ProblemTexts.Required("geometry"));
                else if (JsonMarshal.GetRawUtf8Value(geometry).Length is var bytes && bytes > options.MaxBytes)
                    errors.Add(prefix + "geometry", GridsTexts.GeometryTooLarge(bytes / 1024.0 / 1024.0, options.MaxBytes / 1024.0 / 1024.0));
                else if ((shape = ReadGeometry(geometry, prefix + "geometry", errors, options.MaxVertices)) is not null
                    && Topology.ProblemAlone(shape, options) is { } problem)
                {
                    errors.Add(prefix + "geometry", problem.Fault switch
                    {
                        ShapeFault.NotValid => GridsTexts.GeometryNotValid(problem.Reason ?? "", problem.Invalidity, problem.Lng, problem.Lat),
                        ShapeFault.TooWide => GridsTexts.GeometryTooWide(problem.Kilometres, problem.MostKilometres),
                        _ => GridsTexts.GeometryNotSimple,
                    });
                    shape = null;
                }
                if (code is not null && shape is not null) boundaries.Add((index, new UnitBoundary(code, shape)));
            }
            index++;
        }
        if (index == 0) errors.Add("features", GridsTexts.FeaturesEmpty);

        var units = await UnitStore.FindManyAsync(uow, boundaries.Select(b => b.Boundary.UnitCode));
        foreach (var (i, b) in boundaries)
        {
            if (!units.TryGetValue(b.UnitCode, out var unit)) errors.Add($"features[{i}].properties.code", GridsTexts.UnknownUnit(b.UnitCode));
            else if (unit.Retired) errors.Add($"features[{i}].properties.code", GridsTexts.Retired(b.UnitCode));
        }
        if (errors.Any) return (null, errors);
        var warnings = await BoundaryChecks.RunAsync(uow, boundaries, errors, options);
        if (errors.Any) return (null, errors);

        var before = await BoundaryStore.BoxesAsync(uow, units.Keys);
        var list = boundaries.Select(b => b.Boundary).ToList();
        await BoundaryStore.ReplaceAsync(uow, list, uow.Now);
        // The other services copy each unit's box (Incidents checks a filing's place by it): a new version, announced.
        await UnitStore.BumpVersionsAsync(uow, units.Keys);
        var changed = await UnitStore.FindManyAsync(uow, units.Keys);
        await UnitStore.AddHistoryAsync(uow, list.Select(b => new UnitChange(Guid.CreateVersion7(), b.UnitCode,
            changed[b.UnitCode].Version, UnitChangeKind.Boundary, before.TryGetValue(b.UnitCode, out var old) ? old.ToString() : null,
            Geometry.BoxOf(b.Shape).ToString(), actor, uow.Now)).ToList());
        await UnitAnnouncer.AnnounceAsync(uow, changed.Values.OrderBy(u => u.Level).ThenBy(u => u.Code, StringComparer.Ordinal));
        var replaced = list.Count(b => before.ContainsKey(b.UnitCode));
        return (new ImportResult(list.Count, list.Count - replaced, replaced, 0, warnings), errors);
    }

    /// <summary>A Polygon or MultiPolygon, checked ring by ring; null (with errors) if it is not one or
    /// has more than <paramref name="maxVertices"/> positions (reading stops there).</summary>
    public static Shape? ReadGeometry(JsonElement geometry, string key, FieldErrors errors, int maxVertices = int.MaxValue)
    {
        var type = geometry.ValueKind == JsonValueKind.Object ? Text(geometry, "type") : null;
        if (type is not ("Polygon" or "MultiPolygon"))
        {
            errors.Add(key + ".type", GridsTexts.PolygonKinds);
            return null;
        }
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            errors.Add(key + ".coordinates", GridsTexts.CoordinatesArray);
            return null;
        }
        var polygons = new List<Polygon>();
        var valid = true;
        var budget = new VertexBudget(maxVertices);
        void Add(Polygon? polygon)
        {
            if (polygon is null) valid = false;
            else polygons.Add(polygon);
        }
        if (type == "Polygon") Add(ReadPolygon(coordinates, key + ".coordinates", errors, budget));
        else
        {
            var i = 0;
            foreach (var polygon in coordinates.EnumerateArray())
            {
                Add(ReadPolygon(polygon, $"{key}.coordinates[{i++}]", errors, budget));
                if (budget.Exceeded) break;
            }
            if (i == 0)
            {
                errors.Add(key + ".coordinates", GridsTexts.MultiPolygonOne);
                valid = false;
            }
        }
        if (budget.Exceeded)
        {
            errors.Add(key, GridsTexts.TooManyPositions(maxVertices));
            return null;
        }
        return valid ? new Shape(polygons) : null;
    }

    /// <summary>Positions left to read in one geometry: a huge one is refused without reading it all.</summary>
    private sealed class VertexBudget(int max)
    {
        private int _left = max;
        public bool Exceeded => _left < 0;
        public bool Take() => --_left >= 0;
    }

    private static Polygon? ReadPolygon(JsonElement polygon, string key, FieldErrors errors, VertexBudget budget)
    {
        if (polygon.ValueKind != JsonValueKind.Array || polygon.GetArrayLength() == 0)
        {
            errors.Add(key, GridsTexts.PolygonRings);
            return null;
        }
        var rings = new List<IReadOnlyList<Position>>();
        var (r, valid) = (0, true);
        foreach (var ring in polygon.EnumerateArray())
        {
            var ringKey = $"{key}[{r++}]";
            var positions = new List<Position>();
            if (ring.ValueKind == JsonValueKind.Array)
                foreach (var p in ring.EnumerateArray())
                {
                    if (!budget.Take()) return null;
                    if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() < 2
                        || p[0].ValueKind != JsonValueKind.Number || p[1].ValueKind != JsonValueKind.Number)
                    {
                        errors.Add(ringKey, GridsTexts.PositionShape);
                        return null;
                    }
                    var (lng, lat) = (p[0].GetDouble(), p[1].GetDouble());
                    if (lng is < -180 or > 180 || lat is < -90 or > 90)
                    {
                        errors.Add(ringKey, GridsTexts.PositionRange(lng, lat));
                        return null;
                    }
                    positions.Add(new Position(lng, lat));
                }
            Bilingual? problem = positions.Count < 4 ? GridsTexts.RingFourPositions
                : positions[0] != positions[^1] ? GridsTexts.RingClosed : null;
            if (problem is not null)
            {
                errors.Add(ringKey, problem.Value);
                valid = false;
            }
            rings.Add(positions);
        }
        return valid ? new Polygon(rings) : null;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
