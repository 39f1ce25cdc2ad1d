using Microsoft.AspNetCore.Identity;

namespace Governance.Grids.Handling;

/// <summary>
/// Passwords are kept only as ASP.NET Core Identity's hashes (PBKDF2 with HMAC-SHA512, a random salt, the
/// iteration count inside the hash, so a later, costlier count is taken up at the next good sign-in).
/// A maintained hasher rather than our own: the format, its upgrades and its constant-time comparison are
/// Microsoft's to keep right.
/// </summary>
public static class PasswordHashing
{
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object NoUser = new();

    // An account nobody has (or one without a password) is checked against this, so that a wrong account
    // costs the same time as a wrong password and the answer's timing does not tell which accounts exist.
    private static readonly string Decoy = Hasher.HashPassword(NoUser, PasswordRules.OneTime());

    public static string Hash(string password) => Hasher.HashPassword(NoUser, password);

    /// <summary>Whether <paramref name="password"/> is the one hashed, and whether the hash should be
    /// renewed with today's parameters. A null hash (no such account) costs a check and fails.</summary>
    public static (bool Matches, bool Rehash) Verify(string? hash, string password)
    {
        var result = Hasher.VerifyHashedPassword(NoUser, hash ?? Decoy, password);
        return hash is null
            ? (false, false)
            : (result is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded,
                result is PasswordVerificationResult.SuccessRehashNeeded);
    }
}
