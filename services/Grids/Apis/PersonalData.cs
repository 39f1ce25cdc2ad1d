using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grids.Apis;

/// <summary>
/// Residents' and staff's ID numbers and phones (个人信息保护法): shown whole only to roles that need
/// them (those who visit and call: grid workers, village handlers, county administrators), masked for
/// everyone else — except his own staff record, which a person always reads whole; every unmasked read
/// by those roles is written to the audit log. Records outside the caller's units are left out altogether.
/// </summary>
public sealed class PersonalData
{
    private readonly Caller _caller;
    private readonly GridsDatabase _db;
    private readonly HttpContext _http;
    private readonly Dictionary<string, bool> _covered = new();

    private PersonalData(HttpContext http)
    {
        _http = http;
        _caller = Caller.Of(http);
        _db = http.RequestServices.GetRequiredService<GridsDatabase>();
    }

    public static PersonalData For(HttpContext http) => new(http);

    /// <summary>The units whose records the caller may see, with everything below them (null: all), for
    /// a list to filter before it cuts its page.</summary>
    public static IReadOnlyCollection<string>? Within(HttpContext http) =>
        Caller.Of(http) is { Unrestricted: false } caller ? caller.Units : null;

    public bool Unmasked => _caller.HasAnyRole(Roles.SeePersonalData);

    public async Task<IReadOnlyList<CareSubject>> ShowAsync(IEnumerable<CareSubject> subjects)
    {
        var visible = new List<CareSubject>();
        foreach (var s in subjects)
            if (await CoversAsync(s.CourtyardCode)) visible.Add(s);
        if (!Unmasked) return visible.Select(s => s with { IdNumber = Masks.IdNumber(s.IdNumber), Phone = Masks.Phone(s.Phone) }).ToList();
        await AuditAsync("care subjects", visible.Where(s => s.IdNumber is not null || s.Phone is not null).Select(s => s.Id.ToString()));
        return visible;
    }

    public async Task<IReadOnlyList<StaffMember>> ShowAsync(IEnumerable<StaffMember> staff)
    {
        var visible = new List<StaffMember>();
        foreach (var s in staff)
            if (await CoversAsync(s.UnitCode)) visible.Add(s);
        // A person reads his own record whole, whatever his role (the second outside probe: a courtyard lead saw his
        // own phone masked while his grid's worker saw it whole); nobody else's is unmasked for it.
        if (!Unmasked)
            return visible.Select(s => s.Id == _caller.Id ? s : s with { IdNumber = Masks.IdNumber(s.IdNumber), Phone = Masks.Phone(s.Phone) }).ToList();
        await AuditAsync("staff", visible.Where(s => s.IdNumber is not null || s.Phone is not null).Select(s => s.Id));
        return visible;
    }

    private async Task<bool> CoversAsync(string unitCode)
    {
        if (_caller.Unrestricted) return true;
        if (_covered.TryGetValue(unitCode, out var known)) return known;
        await using var session = await _db.OpenReadAsync(_http.RequestAborted);
        var chain = await UnitStore.PathAsync(session, unitCode);

        return _covered[unitCode] = _caller.Covers(chain.Select(u => u.Code));
    }

    private async Task AuditAsync(string what, IEnumerable<string> ids)
    {
        var list = ids.ToList();
        if (list.Count == 0) return;
        var time = _http.RequestServices.GetRequiredService<TimeProvider>();
        await AuditLog.AppendAsync(_db, time.GetUtcNow(), _caller.Id, $"read unmasked personal data: {what}", list.Count == 1 ? list[0] : null,
            $"{list.Count} record(s): {string.Join(",", list.Take(20))}{(list.Count > 20 ? ",…" : "")}", _http.Connection.RemoteIpAddress?.ToString());
    }
}
