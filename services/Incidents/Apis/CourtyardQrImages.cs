using System.Globalization;
using System.Net;
using System.Text;
using QRCoder;

namespace Governance.Incidents.Apis;

/// <summary>
/// A courtyard's QR code drawn on the server, offline (QRCoder): PNG for a phone or a print shop, SVG with the
/// courtyard's name under it, and a grid's printable sheet (HTML, one card per courtyard, A4). Error correction M
/// (15%): a sheet on a wall survives some dirt and tape.
/// </summary>
public static class CourtyardQrImages
{
    /// <summary>The link a courtyard's QR carries: the page, then "&lt;code&gt;.&lt;key&gt;" after "#".</summary>
    public static string Link(string pageBase, CourtyardQr courtyard) => $"{pageBase}{courtyard.UnitCode}.{courtyard.Key}";

    private static QRCodeData Data(string link)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
    }

    public static byte[] Png(string link, int pixelsPerModule = 10)
    {
        using var data = Data(link);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    /// <summary>The code as an SVG in module units, the caption (escaped) below it.</summary>
    public static string Svg(string link, string caption) => Svg(link, caption, standalone: true);

    private static string Svg(string link, string caption, bool standalone)
    {
        using var data = Data(link);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                if (matrix[y][x]) path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
        var height = size + 5;
        var ns = standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : "";
        var dimensions = standalone ? $" width=\"{size * 8}\" height=\"{height * 8}\"" : " width=\"100%\"";
        return $"""
            <svg{ns} viewBox="0 0 {size} {height}"{dimensions} shape-rendering="crispEdges" role="img" aria-label="{Escape(caption)}">
            <rect width="{size}" height="{height}" fill="#fff"/>
            <path fill="#000" d="{path}"/>
            <text x="{size / 2.0}" y="{size + 2}" font-size="2.4" text-anchor="middle" font-family="sans-serif">{Escape(caption)}</text>
            </svg>
            """;
    }

    /// <summary>One A4 page of cards after another: code, courtyard name, what to do with it. Names are escaped.</summary>
    public static string Sheet(string gridName, string pageBase, IReadOnlyList<CourtyardQr> courtyards)
    {
        var cards = new StringBuilder();
        foreach (var c in courtyards)
            cards.Append($"""
                <figure class="card">{Svg(Link(pageBase, c), c.Name, standalone: false)}
                <figcaption>扫码向网格员反映问题<br><small>Scan to report a problem to your grid worker · {Escape(c.UnitCode)}</small></figcaption></figure>

                """);
        var empty = courtyards.Count == 0 ? "<p>本网格没有院落。 This grid has no courtyards.</p>" : "";
        return $"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>{Escape(gridName)} 院落二维码 Courtyard QR codes</title>
            <style>
            @page {"{"} size: A4; margin: 10mm; {"}"}
            body {"{"} font-family: sans-serif; margin: 0; {"}"}
            h1 {"{"} font-size: 14pt; {"}"}
            .card {"{"} display: inline-block; width: 60mm; margin: 0 4mm 6mm 0; break-inside: avoid; text-align: center; vertical-align: top; {"}"}
            figcaption {"{"} font-size: 10pt; {"}"}
            </style></head>
            <body><h1>{Escape(gridName)} · 院落二维码 Courtyard QR codes</h1>
            {empty}{cards}</body></html>
            """;
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
