using Governance.Infrastructure.Security;
using Governance.Infrastructure.Sessions;

namespace Governance.Grids.Handling;

/// <summary>
/// Service tokens (issue-token): recorded when signed, listed, revoked. Revoking announces the token's
/// id as left (AccountAccessChanged), and every service refuses it from then on (SessionCheck).
/// </summary>
public static class ServiceAccounts
{
    /// <summary>More revoked tokens than a county ever has; a snapshot announces at most this many.</summary>
    public const int SnapshotLimit = 10_000;

    public static async Task<Outcome<ServiceAccount>> RecordAsync(UnitOfWork<GridsDatabase> uow, ServiceToken token)
    {
        var errors = new FieldErrors();
        Fields.Code(errors, "", "user", token.Subject, StaffChanges.MaxIdLength);
        var role = StaffRules.Role(errors, "", token.Role);
        Fields.Code(errors, "", "unit", token.UnitCode, UnitChanges.MaxCodeLength);
        if (role is not null && !errors.Any)
            StaffRules.CheckPlace(errors, "", "unit", token.UnitCode, await UnitStore.FindAsync(uow, token.UnitCode), role);
        if (token.DepartmentId is { } d && !Guid.TryParse(d, out _)) errors.Add("department-id", GridsTexts.DepartmentIdShape);
        if (errors.Any) return errors;
        var account = new ServiceAccount(token.Id, token.Subject, role!, token.UnitCode, token.DepartmentId, token.IssuedBy, token.IssuedAt, token.ExpiresAt);
        await ServiceAccountStore.InsertAsync(uow, account);
        return new Outcome<ServiceAccount>.Done(account);
    }

    public static async Task<Outcome<ServiceAccount>> RevokeAsync(UnitOfWork<GridsDatabase> uow, string id, string actor)
    {
        var account = await ServiceAccountStore.FindAsync(uow, id);
        if (account is null) return new Outcome<ServiceAccount>.NotFound();
        if (!await ServiceAccountStore.RevokeAsync(uow, id, actor, uow.Now))
            return new Outcome<ServiceAccount>.Conflict(GridsTexts.TokenRevoked(id));
        var revoked = account with { RevokedBy = actor, RevokedAt = uow.Now, Version = account.Version + 1 };
        await AnnounceAsync(uow, [revoked]);
        return new Outcome<ServiceAccount>.Done(revoked);
    }

    /// <summary>Revoked tokens only: a token nobody has heard of is accepted anyway.</summary>
    public static async Task AnnounceAsync(UnitOfWork<GridsDatabase> uow, IReadOnlyList<ServiceAccount> revoked)
    {
        foreach (var batch in revoked.Chunk(StaffAnnouncer.BatchSize))
            await uow.PublishAsync(new AccountAccessChanged(batch.Select(Access).ToList(), uow.Now));
    }

    public static AccountAccess Access(ServiceAccount a) => new(SessionCheck.TokenAccount(a.Id), "", a.RevokedAt is not null, a.Version);
}
