namespace Governance.Incidents.Model;

/// <summary>
/// What a photo really is, read from its first bytes (the "magic numbers" of the format), never from
/// the file name or the Content-Type the client sent: a text file renamed .jpg, or an HTML page sent
/// as image/png, is refused. Only the formats phones and our page produce and every browser shows.
/// </summary>
public static class PhotoFormat
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";

    public static readonly IReadOnlyList<string> Accepted = [Jpeg, Png, WebP];

    private static ReadOnlySpan<byte> JpegStart => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> PngStart => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Riff => "RIFF"u8;
    private static ReadOnlySpan<byte> WebPTag => "WEBP"u8;

    /// <summary>The content type the bytes start like, or null when they are none of the accepted formats.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(JpegStart)) return Jpeg;
        if (head.StartsWith(PngStart)) return Png;
        if (head.Length >= 12 && head[..4].SequenceEqual(Riff) && head[8..12].SequenceEqual(WebPTag)) return WebP;
        return null;
    }
}
