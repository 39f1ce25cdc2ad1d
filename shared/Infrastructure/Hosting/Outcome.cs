namespace Governance.Infrastructure.Hosting;

/// <summary>What came of a command, the one result type of every handler: done, refused for bad input
/// (field by field), not found, not the caller's to do, or in conflict with the data as it is now.
/// Handlers return it; only an endpoint answers it over HTTP (<see cref="Answers"/>).</summary>
public abstract record Outcome<T>
{
    private Outcome() { }

    public sealed record Done(T Value) : Outcome<T>;
    public sealed record Invalid(FieldErrors Errors) : Outcome<T>;
    public sealed record NotFound : Outcome<T>;
    public sealed record Forbidden(string Why) : Outcome<T>;

    /// <summary>The data as it is does not admit the command; <paramref name="Extensions"/> are added to the
    /// problem document (Incidents names the case's state as <c>caseStatus</c>).</summary>
    public sealed record Conflict(string Why, IReadOnlyDictionary<string, object?>? Extensions = null) : Outcome<T>;

    /// <summary>What the command names existed but is spent for good (a one-time link answered, voided or
    /// expired): 410, as against 409 for a state that may yet change.</summary>
    public sealed record Gone(string Why, IReadOnlyDictionary<string, object?>? Extensions = null) : Outcome<T>;

    public static implicit operator Outcome<T>(FieldErrors errors) => new Invalid(errors);

    /// <summary>The same outcome with what was done turned into something else (what the caller sees of it);
    /// a refusal stays the same refusal.</summary>
    public async Task<Outcome<TOther>> MapAsync<TOther>(Func<T, Task<TOther>> map) => this switch
    {
        Done done => new Outcome<TOther>.Done(await map(done.Value)),
        _ => Refused<TOther>(),
    };

    /// <summary><see cref="MapAsync{TOther}"/> for a map that needs no waiting.</summary>
    public Outcome<TOther> Map<TOther>(Func<T, TOther> map) => this is Done done ? new Outcome<TOther>.Done(map(done.Value)) : Refused<TOther>();

    /// <summary>This refusal as the outcome of a command with another result (a refusal carries no value).</summary>
    public Outcome<TOther> Refused<TOther>() => this switch
    {
        Invalid invalid => new Outcome<TOther>.Invalid(invalid.Errors),
        NotFound => new Outcome<TOther>.NotFound(),
        Forbidden forbidden => new Outcome<TOther>.Forbidden(forbidden.Why),
        Conflict conflict => new Outcome<TOther>.Conflict(conflict.Why, conflict.Extensions),
        Gone gone => new Outcome<TOther>.Gone(gone.Why, gone.Extensions),
        _ => throw new InvalidOperationException("Done is not a refusal."),
    };
}
