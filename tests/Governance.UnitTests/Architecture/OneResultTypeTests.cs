using System.Reflection;
using System.Runtime.CompilerServices;
using Governance.Infrastructure.Hosting;
using NUnit.Framework;

namespace Governance.UnitTests.Architecture;

/// <summary>
/// docs/CONVENTIONS.md, "One result type": a handler answers with the shared <see cref="Outcome{T}"/> and the
/// shared <see cref="Answers"/> maps it. Read from the compiled services by reflection: a service that
/// declares its own outcome type, its own closed hierarchy of results, or answers with a tuple that carries
/// a refusal has gone back to its own way.
/// </summary>
[TestFixture]
public sealed class OneResultTypeTests
{
    private static Assembly[] Services => LayeringTests.Services;

    [TestCaseSource(typeof(LayeringTests), nameof(LayeringTests.EachService))]
    public void A_service_declares_no_outcome_type_of_its_own(Assembly service) =>
        Assert.That(Declared(service).Where(NamedAnOutcome).Select(t => t.FullName), Is.Empty,
            "types named *Outcome: return Outcome<T> (shared/Infrastructure/Hosting/Outcome.cs) instead");

    [TestCaseSource(typeof(LayeringTests), nameof(LayeringTests.EachService))]
    public void A_service_declares_no_result_hierarchy_of_its_own(Assembly service) =>
        Assert.That(Declared(service).Where(IsClosedHierarchy).Select(t => t.FullName), Is.Empty,
            "abstract types whose nested types derive from them (Done, NotFound, …): that is Outcome<T>'s job");

    /// <summary>What the services answered with before: (bool Found, string? Refusal, T? Result).</summary>
    [TestCaseSource(typeof(LayeringTests), nameof(LayeringTests.EachService))]
    public void No_method_answers_with_a_tuple_that_carries_a_refusal(Assembly service)
    {
        var methods = Declared(service)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(CarriesARefusal)
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}");
        Assert.That(methods, Is.Empty, "methods returning a tuple with a Refusal or Found element");
    }

    /// <summary>The rules above see what they forbid: the shared result type itself is such a type, and a
    /// refusal tuple is recognised (so a rename of the rules' inputs cannot leave them checking nothing).</summary>
    [Test]
    public void The_rules_recognise_what_they_forbid()
    {
        Assert.That(NamedAnOutcome(typeof(Outcome<>)), Is.True, "the name rule");
        Assert.That(IsClosedHierarchy(typeof(Outcome<>)), Is.True, "the hierarchy rule");
        Assert.That(CarriesARefusal(typeof(OneResultTypeTests).GetMethod(nameof(OldStyle), BindingFlags.NonPublic | BindingFlags.Static)!),
            Is.True, "the tuple rule");
        Assert.That(Services.Where(s => !Declared(s).Any(IsHandlerAnsweringOutcome)).Select(s => s.GetName().Name), Is.Empty,
            "services with no handler returning Outcome<T>: each does use the shared type");
    }

    private static Task<(bool Found, string? Refusal, int Result)> OldStyle() => Task.FromResult((true, (string?)null, 0));

    private static IEnumerable<Type> Declared(Assembly assembly) =>
        assembly.GetTypes().Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute), false) && !t.Name.Contains('<'));

    private static bool NamedAnOutcome(Type type) => Plain(type.Name).EndsWith("Outcome", StringComparison.Ordinal);

    private static bool IsClosedHierarchy(Type type) =>
        type.IsAbstract && !type.IsSealed && !type.IsInterface
        && type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).Any(n => DerivesFrom(n, type));

    private static bool DerivesFrom(Type nested, Type root)
    {
        for (var t = nested.BaseType; t is not null; t = t.BaseType)
            if ((t.IsGenericType ? t.GetGenericTypeDefinition() : t) == root) return true;
        return false;
    }

    private static bool CarriesARefusal(MethodInfo method) =>
        method.ReturnParameter.GetCustomAttribute<TupleElementNamesAttribute>()?.TransformNames
            .Any(n => n is "Refusal" or "Found") == true;

    private static bool IsHandlerAnsweringOutcome(Type type) =>
        type.Namespace?.EndsWith(".Handling", StringComparison.Ordinal) == true
        && type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Any(m => Unwrapped(m.ReturnType) is { IsGenericType: true } r && r.GetGenericTypeDefinition() == typeof(Outcome<>));

    private static Type Unwrapped(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>) ? type.GetGenericArguments()[0] : type;

    private static string Plain(string name) => name.Split('`')[0];
}
