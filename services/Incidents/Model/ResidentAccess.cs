using System.Buffers.Text;
using System.Security.Cryptography;

namespace Governance.Incidents.Model;

/// <summary>
/// The courtyard's key on its QR code (docs/courtyard-qr.md): 128 random bits, URL-safe (22 characters). The QR
/// carries "&lt;courtyard code&gt;.&lt;key&gt;" after "#", so codes cannot be enumerated from the unit tree, and a
/// re-issued key makes a leaked or torn-down sheet answer nothing.
/// </summary>
public static class CourtyardKey
{
    public const int Length = 22;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>"&lt;code&gt;.&lt;key&gt;" as the QR's link carries it; null when it cannot be one (no query spent on it).</summary>
    public static (string UnitCode, string Key)? Parse(string? value)
    {
        if (value is null || value.Length > 64 || value.LastIndexOf('.') is not (> 0 and var dot)) return null;
        var (code, key) = (value[..dot], value[(dot + 1)..]);
        return code.All(char.IsAsciiDigit) && key.Length == Length && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? (code, key)
            : null;
    }

    /// <summary>Compares in constant time: a key is a secret.</summary>
    public static bool Matches(string stored, string given) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(stored), System.Text.Encoding.ASCII.GetBytes(given));
}

/// <summary>The one-time code texted to a resident's phone: six digits, from a cryptographic source.</summary>
public static class OneTimeCode
{
    public const int Digits = 6;

    public static string New() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsWellFormed(string? code) => code is { Length: Digits } && code.All(char.IsAsciiDigit);
}
