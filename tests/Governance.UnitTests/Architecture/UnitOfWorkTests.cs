using System.Data.Common;
using System.Reflection;
using Governance.Dispatch;
using Governance.Grids;
using Governance.Incidents;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.UnitCopy;
using NUnit.Framework;

namespace Governance.UnitTests.Architecture;

/// <summary>
/// Transactions only through the unit of work (docs/CONVENTIONS.md): no method of a service, of the
/// shared unit copy or of the jurisdiction check takes a connection or a transaction. A store takes a
/// session — the unit of work in a change (so a read in it is in its transaction and a locking read
/// locks), a read session otherwise — and a store method that writes takes the unit of work itself.
/// </summary>
[TestFixture]
public sealed class UnitOfWorkTests
{
    private static IEnumerable<TestCaseData> Checked()
    {
        yield return Case("Governance.Incidents", typeof(IncidentsModule).Assembly.GetTypes());
        yield return Case("Governance.Dispatch", typeof(DispatchModule).Assembly.GetTypes());
        yield return Case("Governance.Grids", typeof(GridsModule).Assembly.GetTypes());

        yield return Case("shared unit copy, inbox, jurisdiction", typeof(UnitCopyStore).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(UnitCopyStore).Namespace || t == typeof(Inbox) || t == typeof(Jurisdiction)
                || t == typeof(TransactionalConsumer<,>)));
    }

    private static TestCaseData Case(string name, IEnumerable<Type> types) => new TestCaseData(new object[] { types.ToArray() }).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Checked))]
    public void No_method_takes_a_connection_or_a_transaction(Type[] types)
    {
        Assert.That(types, Is.Not.Empty);
        var offenders = types
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.GetParameters().Any(p => typeof(DbConnection).IsAssignableFrom(p.ParameterType) || typeof(DbTransaction).IsAssignableFrom(p.ParameterType)))
                .Select(m => $"{t.Name}.{m.Name}"))
            .ToList();
        Assert.That(offenders, Is.Empty, "take a DbSession (a read) or the UnitOfWork (a write) instead");
    }
}
