using System.ComponentModel.DataAnnotations;
using Governance.Infrastructure.Authority;

namespace Governance.Incidents.Handling;

/// <summary>When a new case counts as a likely duplicate (configuration "Incidents:Duplicates").</summary>
public sealed class DuplicateOptions
{
    /// <summary>How far back to look for the same problem.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(72);
    /// <summary>Cases with locations this close (metres) count as the same place, whatever their courtyard.</summary>
    [Range(0, 100_000)]
    public double RadiusMetres { get; set; } = 150;
}

/// <summary>
/// Flags a new case that looks like one already open — same category, same courtyard or within the
/// radius, inside the window — so staff can merge them instead of two units working one problem.
/// Flagging only: a person decides. The hint names only a case the filer may read (issue #13): a
/// case at the same place he may (he may file there, so the place is his); one nearby at another place
/// is asked of the permission model, and skipped when it would show him another jurisdiction's case.
/// </summary>
public static class Duplicates
{
    private const double EarthRadiusMetres = 6_371_000;

    public static async Task<Guid?> FindLikelyAsync(UnitOfWork<IncidentsDatabase> uow, DuplicateOptions options, Filing.Validated filing,
        Person? reader = null)
    {
        (Location, double, double)? box = null;
        if (filing.Location is { } here)
        {
            var latDelta = options.RadiusMetres / EarthRadiusMetres * 180 / Math.PI;
            var lngDelta = latDelta / Math.Max(0.01, Math.Cos(here.Lat * Math.PI / 180));
            box = (here, latDelta, lngDelta);
        }
        var candidates = await ReporterStore.CandidatesAsync(uow, Codes.Of(filing.Category), filing.UnitCode,
            uow.Now - options.Window, box);
        var chains = new Dictionary<string, IReadOnlyList<ChainUnit>>();
        foreach (var (id, unitCode, location) in candidates)
        {
            if (unitCode == filing.UnitCode) return id;
            if (filing.Location is { } a && location is { } b && DistanceMetres(a, b) <= options.RadiusMetres
                && await MayReadAsync(uow, reader, id, chains)) return id;
        }
        return null;
    }

    /// <summary>Whether the reader may read the case (the permission model's Read), in the filing's transaction.</summary>
    private static async Task<bool> MayReadAsync(UnitOfWork<IncidentsDatabase> uow, Person? reader, Guid id,
        Dictionary<string, IReadOnlyList<ChainUnit>> chains)
    {
        if (reader is null) return true;
        if (await IncidentStore.PeekAsync(uow, id) is not { } other) return false;
        var facts = await Permissions.IncidentCaseFacts.OfAsync(uow, other, chains);
        return Authority.Decide(reader, facts, CaseAction.Read).IsAllowed;
    }

    /// <summary>Great-circle distance (haversine).</summary>
    public static double DistanceMetres(Location a, Location b)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(b.Lat - a.Lat);
        var dLng = Radians(b.Lng - a.Lng);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(a.Lat)) * Math.Cos(Radians(b.Lat)) * Math.Pow(Math.Sin(dLng / 2), 2);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
