using Governance.Infrastructure.Hosting;

namespace Governance.Grids.Handling;

/// <summary>What a change to Grids' data came to: done, refused for bad input (field by field),
/// not found, not the caller's to make (outside his reach), or in conflict with the data's current state.</summary>
public abstract record ChangeOutcome<T>
{
    public sealed record Done(T Value) : ChangeOutcome<T>;
    public sealed record Invalid(FieldErrors Errors) : ChangeOutcome<T>;
    public sealed record NotFound : ChangeOutcome<T>;
    public sealed record Conflict(string Why) : ChangeOutcome<T>;
    public sealed record Forbidden(string Why) : ChangeOutcome<T>;

    public static implicit operator ChangeOutcome<T>(FieldErrors errors) => new Invalid(errors);
}
