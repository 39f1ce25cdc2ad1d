using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Http;

namespace Governance.Grids.Handling;

/// <summary>
/// The caller's reach for one unit action, asked inside a change at the units the change reads
/// (a person's home unit, a duty's unit, a subject's courtyard, every row of an import) — those the
/// endpoint filter cannot know before the database is read. Asked in the change's own transaction,
/// so it is the tree the change is written against. The model decides (<see cref="Authority"/>).
/// </summary>
public sealed class Reach
{
    private readonly Person? _person;
    private readonly UnitAction _action;
    private readonly bool _countyWide;
    private readonly Dictionary<string, string?> _refusals = new(StringComparer.Ordinal);

    private Reach(Person? person, UnitAction action)
    {
        _person = person;
        _action = action;
        // With no unit the model admits only grants that hold anywhere: then no chain need be read.
        _countyWide = person is null || Authority.Decide(person, action, null).IsAllowed;
    }

    /// <summary>Whether the caller may do the action anywhere in the county (the county administrator's staff changes).</summary>
    public bool CountyWide => _countyWide;

    /// <summary>The operator at the server's console (reset-password): the county's reach, as the installer's.</summary>
    public static Reach Unrestricted(UnitAction action) => new(null, action);

    /// <summary>The request's caller; unrestricted when authentication is off (local experiments only).</summary>
    public static Reach Of(HttpContext http, UnitAction action)
    {
        var caller = Caller.Of(http);
        return new Reach(caller.Unrestricted ? null : caller.Person, action);
    }

    /// <summary>Why the caller may not act at <paramref name="unitCode"/>, or null when he may. Inside a change,
    /// given its unit of work; a read (a patrol, a score) gives its read session.</summary>
    public async Task<string?> RefusalAtAsync(DbSession uow, string unitCode)
    {
        if (_countyWide) return null;
        if (_refusals.TryGetValue(unitCode, out var known)) return known;
        var chain = await GridsUnitChains.ChainAsync(uow, unitCode);
        return _refusals[unitCode] = Authority.Decide(_person!, _action, chain) is Decision.Forbidden refused ? refused.Why : null;
    }

    /// <summary>The first refusal among several units (a move: where the person is and where he goes).</summary>
    public async Task<string?> RefusalAtAnyAsync(UnitOfWork<GridsDatabase> uow, params string[] unitCodes)
    {
        foreach (var code in unitCodes.Distinct())
            if (await RefusalAtAsync(uow, code) is { } why) return $"{code}: {why}";
        return null;
    }

    /// <summary>The items (keyed e.g. "rows[3].unitCode") whose unit is out of reach, with why; items
    /// without a unit are left to validation, as the endpoint filter leaves a body without one.</summary>
    public async Task<IReadOnlyList<(string Key, string UnitCode, string Why)>> RefusedAsync(
        UnitOfWork<GridsDatabase> uow, IEnumerable<(string Key, string? UnitCode)> items)
    {
        var refused = new List<(string, string, string)>();
        foreach (var (key, unitCode) in items)
            if (!string.IsNullOrWhiteSpace(unitCode) && await RefusalAtAsync(uow, unitCode.Trim()) is { } why) refused.Add((key, unitCode.Trim(), why));
        return refused;
    }
}
