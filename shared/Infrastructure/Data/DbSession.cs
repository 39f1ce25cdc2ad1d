using System.Data.Common;

namespace Governance.Infrastructure.Data;

/// <summary>
/// What a store method runs on: an open connection of a service's database, its dialect and, in a
/// change, its transaction. There are two kinds: the unit of work (<c>Messaging/UnitOfWork</c>, a change
/// in one transaction) and the read session (<see cref="Database.OpenReadAsync"/>, no transaction). A
/// store takes one as its first parameter and runs its statements through <see cref="DbSessionCommands"/>,
/// which passes the transaction along: a read inside a change is in the change's transaction (and a
/// <see cref="Sql.SelectForUpdate"/> locks) without anyone having to remember it.
/// </summary>
public abstract class DbSession
{
    public abstract DbConnection Connection { get; }

    /// <summary>The change's transaction; null only in a read session.</summary>
    public abstract DbTransaction? Transaction { get; }

    public abstract DatabaseProvider Provider { get; }
}
