namespace Governance.Infrastructure.Security;

/// <summary>
/// The keys services/Host/appsettings.json ships for the standalone demo. They are public (they are in the
/// repository): whoever has them signs himself a county administrator's token or opens residents' sealed
/// contacts. They are accepted only while the demo sign-in is on (<see cref="AuthOptions.DevTokens"/>, where
/// anyone may take any account anyway); a Host whose people sign in with passwords must have keys of its own.
/// </summary>
public static class DemoKeys
{
    public const string SigningKey = "standalone-demo-signing-key-not-for-production-use";
    public const string PersonalDataKey = "c3RhbmRhbG9uZS1kZW1vLW5vdC1mb3ItcmVhbC11c2U=";

    /// <summary>Whether <paramref name="base64"/> is the demo's personal-data key, however written: base64 ignores
    /// whitespace, so the bytes are compared, not the text (outside probe: a padded copy passed the text check).</summary>
    public static bool IsPersonalDataKey(string base64)
    {
        var buffer = new byte[64];
        return Convert.TryFromBase64String(base64, buffer, out var length)
            && buffer.AsSpan(0, length).SequenceEqual(Convert.FromBase64String(PersonalDataKey));
    }

    public const string Advice = "with Auth:DevTokens off people sign in for real: set keys of your own (deploy/README.md, \"Sign-in, keys and the audit log\")";
}
