using System.Security.Cryptography;
using System.Text;

namespace Governance.Infrastructure.Data;

/// <summary>
/// The fingerprint of a migration script, recorded in schema_migrations when it is applied and compared
/// at every start: an applied script edited afterwards would otherwise go unnoticed, and databases
/// migrated before and after the edit would differ without anyone knowing.
/// </summary>
public static class MigrationChecksum
{
    /// <summary>SHA-256 of the script's UTF-8 text as lower-case hex. Line endings are made "\n" first, so a
    /// checkout with CRLF (git autocrlf on a Windows machine) builds the same checksums as one with LF.</summary>
    public static string Of(string sql)
    {
        var normalised = sql.ReplaceLineEndings("\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }
}
