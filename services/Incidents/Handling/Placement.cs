using Governance.Infrastructure.UnitCopy;

namespace Governance.Incidents.Handling;

/// <summary>What a hotline knows of a call's place besides a point: the caller's address as he said it
/// (address_string) and an id from the hotline's own address book (address_id).</summary>
public sealed record HotlineCall(string? Address, string? AddressId);

/// <summary>
/// 接诉即办: a hotline call is placed on its courtyard by the county's boundaries, from Incidents' own copy of
/// the unit tree (Grids announces grids' and courtyards' boundaries and aliases with each unit; docs/intake.md).
/// In this order: a unit code the caller gave (checked as any filing's); the point — the deepest grid or
/// courtyard whose boundary holds it, by Grids' own border rule (<see cref="PlaneGeometry"/>), lower code
/// first where siblings overlap, as /grids/locate answers; an address equal to a unit's registered alias, then
/// an address id equal to one. Nothing is guessed from names. What none of these places waits in triage.
/// </summary>
public static class Placement
{
    /// <summary>Where the call was placed: a unit and how it was found, or the triage queue and why.</summary>
    public sealed record Decision(string? UnitCode, CodedReason Reason)
    {
        public bool Triage => UnitCode is null;
    }

    /// <summary>Null when the filing names its unit (or is no hotline call): it is checked as any filing.</summary>
    public static async Task<Decision?> PlaceAsync(DbSession session, FileIncident command)
    {
        if (command.Call is not { } call || !string.IsNullOrWhiteSpace(command.UnitCode)) return null;
        var why = new List<CodedReason.Part>();
        if (command.Location is { } point)
        {
            if (await ContainingAsync(session, point) is { } code)
                return new Decision(code, new CodedReason(CodedReason.PlacedByLocation,
                    [new("location", Value: FormattableString.Invariant($"{point.Lat:0.######}, {point.Lng:0.######}"))]));
            why.Add(new("outside-grids"));
        }
        foreach (var (text, field) in new[] { (call.Address, "address_string"), (call.AddressId, "address_id") })
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            var units = await UnitPlaces.UnitsWithAliasAsync(session, text);
            var alias = UnitPlaces.NormalizeAlias(text);
            if (units.Count == 1) return new Decision(units[0], new CodedReason(CodedReason.PlacedByAlias, [new("alias", field, alias)]));
            why.Add(units.Count == 0 ? new("alias-unknown", field, alias)
                : new("alias-ambiguous", field, units.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (why.Count == 0) why.Add(new("no-location"));
        return new Decision(null, new CodedReason(CodedReason.Triage, why));
    }

    /// <summary>The grid or courtyard whose boundary holds the point, deepest first; null outside every one.</summary>
    public static async Task<string?> ContainingAsync(DbSession session, Location point) =>
        (await UnitPlaces.CandidatesAsync(session, point.Lat, point.Lng))
            .OrderByDescending(c => c.Level).ThenBy(c => c.Code, StringComparer.Ordinal)
            .FirstOrDefault(c => PlaneGeometry.Contains(c.Boundary, point.Lat, point.Lng))?.Code;
}
