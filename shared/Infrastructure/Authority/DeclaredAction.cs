namespace Governance.Infrastructure.Authority;

/// <summary>
/// Endpoint metadata: what an endpoint does, for the permission model. Every endpoint that changes
/// anything carries one (a test enumerates them); one that a person does not perform (sign-in, an
/// Open311 client with its API key) says who does and why.
/// </summary>
public sealed record DeclaredAction(CaseAction? Case = null, UnitAction? Unit = null, string? NotAPerson = null)
{
    public override string ToString() =>
        Case is { } c ? $"case:{Authority.Code(c)}" : Unit is { } u ? $"unit:{Authority.Code(u)}" : $"not-a-person:{NotAPerson}";
}
