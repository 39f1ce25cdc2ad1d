namespace Governance.Infrastructure.Webhooks;

/// <summary>How a receiver's URL is shown back (to administrators and supervisors who read settings): enough to
/// recognise, not to use. Robots and client systems authenticate by a key in the query string
/// (企业微信 ?key=…) or by credentials in the URL (https://user:password@…): both are masked.</summary>
public static class WebhookUrls
{
    /// <summary>"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a…", "https://…@hotline.example.cn/cb".</summary>
    public static string Mask(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var hostStart = scheme < 0 ? 0 : scheme + 3;
        var hostEnd = url.IndexOfAny(['/', '?', '#'], hostStart);
        var authority = hostEnd < 0 ? url[hostStart..] : url[hostStart..hostEnd];
        var at = authority.LastIndexOf('@');
        var masked = at < 0 ? url : url[..hostStart] + "…" + url[(hostStart + at)..];
        var query = masked.IndexOf('?');
        if (query < 0) return masked;
        var parts = masked[(query + 1)..].Split('&').Select(p =>
        {
            var eq = p.IndexOf('=');
            if (eq < 0) return p;
            var value = p[(eq + 1)..];
            return $"{p[..eq]}={(value.Length <= 4 ? "" : value[..4])}…";
        });
        return masked[..(query + 1)] + string.Join('&', parts);
    }
}
