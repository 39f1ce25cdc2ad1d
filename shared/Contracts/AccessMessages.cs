namespace Governance.Contracts;

// Events published by Grids about whether the tokens it issued may still be used. Every service keeps
// a copy and refuses a token whose account left or whose security stamp changed (docs/sessions.md).

/// <summary>What a token's account may still do: <see cref="Stamp"/> changes whenever the account's
/// role, unit or department (what its token claims) changes; <see cref="Left"/> is set once a person
/// left the service or a service account was revoked. <see cref="Version"/> grows with every change,
/// so a copy keeps the newest.</summary>
/// <param name="AccountId">The token's subject: a member of staff's id, or a service account's.</param>
public sealed record AccountAccess(string AccountId, string Stamp, bool Left, long Version);

/// <summary>Accounts' access changed (a person left, changed role, unit or department; a service
/// account was issued or revoked), or Grids announces all of them again for a copy that started.
/// A batch, so that a county's staff is announced in a few hundred messages.</summary>
public sealed record AccountAccessChanged(IReadOnlyList<AccountAccess> Accounts, DateTimeOffset At);
