using System.ComponentModel.DataAnnotations;

namespace Governance.Infrastructure.Messaging;

/// <summary>
/// "GroupCommit": how changes are grouped into one transaction (<see cref="GroupCommit{TDatabase}"/>). The
/// defaults come from deploy/benchmark-history.md (issue #19); a county changes them only with a benchmark
/// run on its own machines.
/// </summary>
public sealed class GroupCommitOptions
{
    /// <summary>At most this many changes in one transaction. Larger groups commit less often but hold their
    /// rows' locks longer and, when one change fails, run more again.</summary>
    [Range(1, 1000)]
    public int MaxSize { get; set; } = 64;

    /// <summary>How many groups may be written at once, each on its own connection (PostgreSQL, SQL Server).
    /// SQLite takes one writer at a time whatever this says.</summary>
    [Range(1, 32)]
    public int Writers { get; set; } = 2;
}
