using Governance.Contracts;
using Governance.Infrastructure.Hosting;

namespace Governance.Infrastructure.Authority;

/// <summary>Why the permission model refuses (the detail of a 403 "Not yours to do"), in both languages. Action,
/// relation and role codes stay as the API spells them: a reader finds them in docs/permissions.md.</summary>
public static class AuthorityTexts
{
    public static Bilingual Needs(string action, IEnumerable<Grant> grants) =>
        new($"'{action}' needs: {Join(grants, g => g.En, "; ")}.", $"“{action}”需要：{Join(grants, g => g.Zh, "；")}。");

    public static Bilingual NeedsOnBoth(string action, IEnumerable<Grant> grants) =>
        new($"'{action}' needs the same standing on both cases: {Join(grants, g => g.En, "; ")} of both.",
            $"“{action}”需要对两件案件有同样的身份：两件都是{Join(grants, g => g.Zh, "；")}。");

    public static Bilingual NeedsLeaderPost(string action) => new($"'{action}' needs a leader post (联系点).", $"“{action}”需要领导联系点。");

    public static Bilingual OnlyLinkedUnits(string action) =>
        new($"'{action}' is allowed only inside the units you are linked to as a leader.", $"“{action}”只能在您作为领导联系的单位内办理。");

    public static Bilingual OnlyOwnUnits(string action) => new($"'{action}' is allowed only inside your own units.", $"“{action}”只能在您所在的单位内办理。");

    public static Bilingual NeedsRole(string action, string roles) =>
        new($"'{action}' needs one of the roles: {roles}.", $"“{action}”需要以下角色之一：{roles}。");

    private static string Join(IEnumerable<Grant> grants, Func<Bilingual, string> language, string separator) =>
        string.Join(separator, grants.Select(g => language(g.Describe())));
}
