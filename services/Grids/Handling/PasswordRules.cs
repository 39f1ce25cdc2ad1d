using System.Security.Cryptography;

namespace Governance.Grids.Handling;

/// <summary>
/// What a password must be (docs/sessions.md, "Passwords"). China's graded protection (等保 2.0) asks that
/// passwords be complex and not trivially guessed: at least 8 characters drawn from three of the four kinds
/// (lower case, upper case, digits, symbols), not the account's own id, not one of those guessed first
/// (<see cref="CommonPasswords"/>), and a new one not the same as the old. The upper bound keeps the cost of hashing an attacker's megabyte of "password" off the server.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 128;
    private const int KindsRequired = 3;

    /// <summary>Names the field when <paramref name="password"/> may not be chosen by <paramref name="account"/>.</summary>
    public static FieldErrors Check(FieldErrors errors, string field, string? password, string account, string? current = null)
    {
        if (string.IsNullOrEmpty(password)) return errors.Add(field, ProblemTexts.Required(field));
        if (password.Length is < MinLength or > MaxLength) return errors.Add(field, GridsTexts.PasswordLength(field, MinLength, MaxLength));
        if (password.Any(char.IsControl)) return errors.Add(field, GridsTexts.PasswordControlCharacters(field));
        if (Kinds(password) < KindsRequired) return errors.Add(field, GridsTexts.PasswordKinds(field, KindsRequired));
        if (account.Length > 0 && password.Contains(account, StringComparison.OrdinalIgnoreCase))
            return errors.Add(field, GridsTexts.PasswordHoldsAccount(field));
        if (CommonPasswords.Contains(password)) return errors.Add(field, GridsTexts.PasswordTooCommon(field));
        if (current is not null && password == current) return errors.Add(field, GridsTexts.PasswordUnchanged(field));
        return errors;
    }

    private static int Kinds(string password) =>
        (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0) + (password.Any(char.IsDigit) ? 1 : 0)
        + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);

    // No characters that read alike on a phone or over the telephone (0/O/o, 1/l/I), so the administrator
    // can pass the one-time password on by voice.
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const int OneTimeLength = 12;

    /// <summary>A password the administrator hands on (重置密码): random, of every kind but symbols, easy to
    /// read out. Its holder must replace it at his first sign-in.</summary>
    public static string OneTime()
    {
        string password;
        do password = RandomOneTime();
        while (CommonPasswords.Contains(password)); // a draw of nearly all digits: vanishingly rare, never handed on
        return password;
    }

    private static string RandomOneTime()
    {
        var all = Lower + Upper + Digits;
        var chars = new char[OneTimeLength];
        // One of each kind at random places, the rest from all of them: it always passes Check.
        chars[0] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[1] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        for (var i = 3; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
