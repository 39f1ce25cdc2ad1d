namespace Governance.Infrastructure.Webhooks;

/// <summary>What a receiver's URL must be: the server posts to it, so nothing but an absolute web address.</summary>
public static class WebhookUrl
{
    public const int MaxLength = 2000;

    public static bool IsValid(string url) =>
        url.Length <= MaxLength && !url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;
}
