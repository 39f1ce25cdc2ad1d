namespace Governance.Infrastructure.Security;

/// <summary>How personal data shows to those who may not see it whole (个人信息保护法): enough to tell
/// two people apart on a list, not enough to call or find them.</summary>
public static class Masks
{
    /// <summary>"510102199001011234" → "5101**********1234".</summary>
    public static string? IdNumber(string? value) =>
        value is null || value.Length <= 8 ? Stars(value) : value[..4] + new string('*', value.Length - 8) + value[^4..];

    /// <summary>"13812345678" → "138****5678".</summary>
    public static string? Phone(string? value) =>
        value is null || value.Length <= 7 ? Stars(value) : value[..3] + new string('*', value.Length - 7) + value[^4..];

    /// <summary>"张三丰" → "张**"; "Li Wei" → "L*****".</summary>
    public static string? Name(string? value) =>
        value is null || value.Length == 0 ? value : value[..1] + new string('*', value.Length - 1);

    /// <summary>"li.wei@example.cn" → "l***@example.cn": always three stars, so that a one-letter name
    /// ("a@b.c", found trying it from outside) is masked too and the length tells nothing.</summary>
    public static string? Email(string? value) =>
        value?.IndexOf('@') is > 0 and var at ? value[..1] + "***" + value[at..] : Stars(value);

    private static string? Stars(string? value) => value is null ? null : new string('*', value.Length);
}
