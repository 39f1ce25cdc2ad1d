namespace Governance.Infrastructure.Authority;

/// <summary>The model's answer, in the order DOMAIN fixes: 404 when the caller may not read the case,
/// 403 when he may read it but not act, else allowed (the action's own state check may still answer 409).</summary>
public abstract record Decision
{
    public sealed record Allowed : Decision;
    /// <summary>The case does not exist for the caller.</summary>
    public sealed record Hidden : Decision;
    public sealed record Forbidden(string Why) : Decision;

    public static readonly Decision Allow = new Allowed();
    public static readonly Decision Hide = new Hidden();
    public bool IsAllowed => this is Allowed;
}
