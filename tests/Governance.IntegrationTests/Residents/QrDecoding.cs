using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.RegularExpressions;
using ZXing;
using ZXing.Common;

namespace Governance.IntegrationTests.Residents;

/// <summary>
/// Reads a QR code back as a phone's camera would (ZXing), from the PNG the server drew (decoded here: the PNG
/// chunks, zlib, grey or palette pixels) or from the SVG (its modules, drawn into pixels).
/// </summary>
public static partial class QrDecoding
{
    public static string? FromPng(byte[] png)
    {
        var (width, height, gray) = Pixels(png);
        return Decode(gray, width, height);
    }

    /// <summary>The SVG's modules ("M{x} {y}h1v1h-1z" each) drawn 4 pixels to the module, on white.</summary>
    public static string? FromSvg(string svg)
    {
        var modules = Module().Matches(svg).Select(m => (X: int.Parse(m.Groups[1].Value), Y: int.Parse(m.Groups[2].Value))).ToList();
        if (modules.Count == 0) return null;
        var size = modules.Max(m => Math.Max(m.X, m.Y)) + 5;
        const int scale = 4;
        var gray = Enumerable.Repeat((byte)255, size * scale * size * scale).ToArray();
        foreach (var (x, y) in modules)
            for (var dy = 0; dy < scale; dy++)
                for (var dx = 0; dx < scale; dx++) gray[(y * scale + dy) * size * scale + x * scale + dx] = 0;
        return Decode(gray, size * scale, size * scale);
    }

    /// <summary>The image is the code alone, as the server drew it, so the reader is told so (PureBarcode). ZXing's
    /// finder-pattern search misses about 2.5 % of QRCoder's codes in such a synthetic image (measured: 15 of 600
    /// random courtyard links, 0 of 600 read as pure), which made these tests fail at random; the data was valid
    /// every time. Whether phones' scanners miss them too is for a print trial (the note on issue #16).</summary>
    private static string? Decode(byte[] gray, int width, int height)
    {
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true, PureBarcode = true } };
        return reader.Decode(new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8))?.Text;
    }

    /// <summary>An 8-bit grey image of a non-interlaced PNG, grey or palette, 1 to 8 bits a pixel, any row filter.</summary>
    private static (int Width, int Height, byte[] Gray) Pixels(byte[] png)
    {
        Assert.That(png.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }), "a PNG signature");
        int width = 0, height = 0, depth = 0, colour = 0;
        byte[] palette = [];
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    (width, height, depth, colour) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]), data[8], data[9]);
                    Assert.That(data[12], Is.Zero, "not interlaced");
                    break;
                case "PLTE": palette = data.ToArray(); break;
                case "IDAT": idat.Write(data); break;
            }
            at += 12 + length;
        }
        Assert.That(colour, Is.AnyOf(0, 3), "grey or palette");
        Assert.That(depth, Is.AnyOf(1, 2, 4, 8));
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(inflated);
        var raw = inflated.ToArray();
        var stride = (width * depth + 7) / 8;
        var previous = new byte[stride];
        var gray = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var row = raw.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            var bpp = Math.Max(1, depth / 8);
            for (var i = 0; i < stride; i++)
            {
                int a = i >= bpp ? row[i - bpp] : 0, b = previous[i], c = i >= bpp ? previous[i - bpp] : 0;
                row[i] = (byte)(row[i] + filter switch
                {
                    0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2,
                    _ => Math.Abs(b - c) <= Math.Abs(a - c) && Math.Abs(b - c) <= Math.Abs(a + b - 2 * c) ? a : Math.Abs(a - c) <= Math.Abs(a + b - 2 * c) ? b : c,
                });
            }
            for (var x = 0; x < width; x++)
            {
                var bit = x * depth;
                var value = (row[bit / 8] >> (8 - depth - bit % 8)) & ((1 << depth) - 1);
                gray[y * width + x] = colour == 3
                    ? (byte)((palette[value * 3] * 299 + palette[value * 3 + 1] * 587 + palette[value * 3 + 2] * 114) / 1000)
                    : (byte)(value * 255 / ((1 << depth) - 1));
            }
            previous = row;
        }
        return (width, height, gray);
    }

    [GeneratedRegex(@"M(\d+) (\d+)h1v1h-1z")]
    private static partial Regex Module();
}
