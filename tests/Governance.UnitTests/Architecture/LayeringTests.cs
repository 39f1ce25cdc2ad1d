using System.Reflection;
using Governance.Contracts;
using Governance.Dispatch;
using Governance.Grids;
using Governance.Incidents;
using Governance.Infrastructure.Hosting;
using NetArchTest.Rules;
using NUnit.Framework;

namespace Governance.UnitTests.Architecture;

/// <summary>
/// The layering rules of docs/CONVENTIONS.md, read from the compiled assemblies (NetArchTest looks into
/// method bodies too, not only signatures): services never reference each other; use cases (Handling)
/// and consumers (Messaging) know no HTTP shape (Apis, Open311); shared code knows no service; the
/// contracts depend on nothing but the base library (and MassTransit.Abstractions, should they need it).
/// </summary>
[TestFixture]
public sealed class LayeringTests
{
    internal static readonly Assembly[] Services =
        [typeof(GridsModule).Assembly, typeof(IncidentsModule).Assembly, typeof(DispatchModule).Assembly];

    private static readonly Assembly[] Shared = [typeof(IServiceModule).Assembly, typeof(IncidentFiled).Assembly];

    internal static IEnumerable<TestCaseData> EachService() => Services.Select(s => new TestCaseData(s).SetArgDisplayNames(Name(s)));

    private static IEnumerable<TestCaseData> EachShared() => Shared.Select(s => new TestCaseData(s).SetArgDisplayNames(Name(s)));

    private static string Name(Assembly assembly) => assembly.GetName().Name!;

    [TestCaseSource(nameof(EachService))]
    public void A_service_references_no_other_service(Assembly service)
    {
        var others = Services.Where(s => s != service).Select(Name).ToArray();
        Assert.That(service.GetReferencedAssemblies().Select(a => a.Name), Has.None.AnyOf(others.Cast<object>().ToArray()));
        AssertKept(Types.InAssembly(service).ShouldNot().HaveDependencyOnAny(others), $"{Name(service)} uses another service");
    }

    /// <summary>Handlers take typed commands: only Apis/ and Open311/ parse HTTP, and a JSON rename never reaches a use case.</summary>
    [TestCaseSource(nameof(EachService))]
    public void Use_cases_in_Handling_use_no_Apis_or_Open311_type(Assembly service) =>
        AssertNotUsing(service, "Handling");

    /// <summary>Consumers build commands from the message's typed values, not HTTP requests.</summary>
    [TestCaseSource(nameof(EachService))]
    public void Consumers_in_Messaging_use_no_Apis_or_Open311_type(Assembly service) =>
        AssertNotUsing(service, "Messaging");

    [TestCaseSource(nameof(EachShared))]
    public void Shared_code_references_no_service(Assembly shared)
    {
        var services = Services.Select(Name).ToArray();
        Assert.That(shared.GetReferencedAssemblies().Select(a => a.Name), Has.None.AnyOf(services.Cast<object>().ToArray()));
        AssertKept(Types.InAssembly(shared).ShouldNot().HaveDependencyOnAny(services), $"{Name(shared)} names a service");
    }

    /// <summary>MassTransit matches contracts by their full type name across processes: they stay plain records.</summary>
    [Test]
    public void Contracts_depend_on_nothing_beyond_the_base_library_and_MassTransit_Abstractions()
    {
        var contracts = typeof(IncidentFiled).Assembly;
        var beyond = contracts.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n is not ("netstandard" or "mscorlib" or "MassTransit.Abstractions") && !n.StartsWith("System", StringComparison.Ordinal))
            .ToList();
        Assert.That(beyond, Is.Empty, "assemblies Governance.Contracts references");
        AssertKept(Types.InAssembly(contracts).Should().OnlyHaveDependenciesOn("System", "MassTransit", "Governance.Contracts"),
            "Governance.Contracts uses something beyond the base library and MassTransit");
    }

    private static void AssertNotUsing(Assembly service, string layer)
    {
        var root = Name(service);
        var inLayer = Types.InAssembly(service).That().ResideInNamespace($"{root}.{layer}");
        // A renamed folder must not turn this into a rule about nothing.
        Assert.That(inLayer.GetTypes(), Is.Not.Empty, $"{root}.{layer} has no types");
        AssertKept(inLayer.ShouldNot().HaveDependencyOnAny($"{root}.Apis", $"{root}.Open311"), $"{root}.{layer} uses an HTTP shape");
    }

    private static void AssertKept(ConditionList rule, string what)
    {
        var result = rule.GetResult();
        Assert.That(result.IsSuccessful, Is.True, $"{what}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
