using System.Data;
using Dapper;

namespace Governance.Infrastructure.Data;

/// <summary>
/// Guids the same way on every provider. Left to itself Dapper binds a Guid to SQLite as a BLOB and
/// then cannot read it back into a Guid; with this handler SQLite keeps the readable text form,
/// while PostgreSQL (uuid) and SQL Server (uniqueidentifier) still receive and return real Guids.
/// </summary>
internal sealed class GuidTypeHandler : SqlMapper.TypeHandler<Guid>
{
    private static int _installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return;
        SqlMapper.RemoveTypeMap(typeof(Guid));
        SqlMapper.RemoveTypeMap(typeof(Guid?));
        SqlMapper.AddTypeHandler(new GuidTypeHandler());
    }

    public override void SetValue(IDbDataParameter parameter, Guid value) => parameter.Value = value;

    public override Guid Parse(object value) => value switch
    {
        Guid guid => guid,
        string text => Guid.Parse(text),
        byte[] bytes => new Guid(bytes),
        _ => throw new InvalidCastException($"Cannot read a Guid from {value.GetType().Name}"),
    };
}
