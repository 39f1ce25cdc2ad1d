namespace Governance.Grids.Handling;

/// <summary>A password that was right: whose, and whether it was a one-time password an administrator set
/// (then he must choose his own before he is signed in).</summary>
public sealed record PasswordHolder(StaffMember Staff, bool MustChange);

/// <summary>How many wrong passwords in a row lock an account, and for how long (Auth:PasswordFailuresBeforeLock,
/// Auth:PasswordLockout).</summary>
public sealed record LockoutRule(int FailuresBeforeLock, TimeSpan Lockout);

/// <summary>
/// The pages' own sign-in (docs/sessions.md, "Passwords"): Done with the password's holder; Forbidden for no such
/// account, no password, a wrong one or a person who left (never said which); Conflict while the account is
/// locked after too many wrong passwords (the right one refused too), its end as <c>lockedUntil</c>. The hash is checked outside any transaction: it
/// costs tens of milliseconds on purpose, and SQLite has one writer that filings wait for. Only what the
/// attempt changes (one more failure, failures forgotten) is written, in a short unit of work of its own.
/// </summary>
public static class PasswordSignIn
{
    public const string LockedUntil = "lockedUntil";

    public static async Task<Outcome<PasswordHolder>> AttemptAsync(GridsDatabase db, UnitOfWorkRunner<GridsDatabase> runner, TimeProvider time,
        LockoutRule rule, string account, string password)
    {
        StaffMember? staff;
        StoredPassword? stored;
        await using (var c = await db.OpenReadAsync())
        {
            staff = await StaffStore.FindAsync(c, account);
            stored = staff is null ? null : await PasswordStore.FindAsync(c, account);
        }
        var now = time.GetUtcNow();
        if (stored?.LockedUntil is { } until && until > now) return Locked(until);
        var (matches, rehash) = PasswordHashing.Verify(stored?.Hash, password);
        if (staff is null || stored is null) return Refused;
        if (!matches)
        {
            await runner.RunAsync(uow => PasswordStore.CountFailureAsync(uow, account, rule.FailuresBeforeLock, uow.Now + rule.Lockout));
            return Refused;
        }
        // Checked after the hash, so that a person who left is answered in the same time as a wrong password.
        if (staff.LeftAt is not null) return Refused;
        // The lock is asked again as the failures are forgotten, in one statement: wrong passwords sent at the same
        // moment as this one may have locked the account after it was read above.
        var renewed = rehash ? PasswordHashing.Hash(password) : null;
        if (!await runner.RunAsync(uow => PasswordStore.SucceededAsync(uow, account, renewed)))
            return await LockedAsync(db, account);
        return new Outcome<PasswordHolder>.Done(new PasswordHolder(staff, stored.MustChange));
    }

    private static Outcome<PasswordHolder> Refused => new Outcome<PasswordHolder>.Forbidden(GridsTexts.WrongAccountOrPassword);

    private static Outcome<PasswordHolder> Locked(DateTimeOffset until) =>
        new Outcome<PasswordHolder>.Conflict(GridsTexts.AccountLockedTitle, new Dictionary<string, object?> { [LockedUntil] = until });

    private static async Task<Outcome<PasswordHolder>> LockedAsync(GridsDatabase db, string account)
    {
        await using var c = await db.OpenReadAsync();
        return Locked((await PasswordStore.FindAsync(c, account))?.LockedUntil ?? DateTimeOffset.MaxValue);
    }

    /// <summary>The administrator's reset (重置密码): a one-time password for a person within his reach, which
    /// its holder must replace at his first sign-in; the person's sessions end (docs/sessions.md).</summary>
    public static async Task<Outcome<StaffMember>> ResetAsync(UnitOfWork<GridsDatabase> uow, string id, string hash, Reach reach, string actor)
    {
        var member = await StaffStore.FindAsync(uow, id);
        if (member is null) return new Outcome<StaffMember>.NotFound();
        if (await reach.RefusalAtAsync(uow, member.UnitCode) is { } why) return new Outcome<StaffMember>.Forbidden(why);
        // A leader's post reaches beyond his unit: his password is reset only by someone who could give him that
        // post (LeaderPosts) — the county for a county committee member, otherwise a reach over every linked unit.
        if (member.Leader is { } leader)
        {
            if (leader.Post == LeaderPostKind.CountyCommittee && !reach.CountyWide) return new Outcome<StaffMember>.Forbidden(GridsTexts.LeaderPasswordByCounty);
            if (await reach.RefusalAtAnyAsync(uow, [.. leader.LinkedUnits]) is { } outside) return new Outcome<StaffMember>.Forbidden(outside);
        }
        if (member.LeftAt is not null) return new Outcome<StaffMember>.Conflict(GridsTexts.LeftAlready(id));
        await PasswordStore.SetAsync(uow, id, hash, mustChange: true, setBy: actor);
        return new Outcome<StaffMember>.Done(member);
    }
}
