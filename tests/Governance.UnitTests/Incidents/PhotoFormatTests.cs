using System.Text;
using Governance.Incidents.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Incidents;

/// <summary>A photo's format is read from its first bytes, never from its name or claimed type.</summary>
[TestFixture]
public class PhotoFormatTests
{
    [TestCase(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F' }, "image/jpeg")]
    [TestCase(new byte[] { 0xFF, 0xD8, 0xFF, 0xE1 }, "image/jpeg")]
    [TestCase(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D }, "image/png")]
    [TestCase(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 2, 3, 4, (byte)'W', (byte)'E', (byte)'B', (byte)'P', (byte)'V' }, "image/webp")]
    public void Accepted_formats_are_recognised_by_their_first_bytes(byte[] head, string expected) =>
        Assert.That(PhotoFormat.Sniff(head), Is.EqualTo(expected));

    [TestCase("这不是照片")]
    [TestCase("<html><script>alert(1)</script></html>")]
    [TestCase("GIF89a")]
    // Named in plain letters: a test run given a --filter (tests/run-all.sh --filter …) leaves out a name with control characters.
    [TestCase("RIFF\u0001\u0002\u0003\u0004WAVE", TestName = "Anything_else_is_not_a_photo(a RIFF file of sound, not WebP)")]
    [TestCase("")]
    public void Anything_else_is_not_a_photo(string text) =>
        Assert.That(PhotoFormat.Sniff(Encoding.UTF8.GetBytes(text)), Is.Null);

    [Test]
    public void A_truncated_signature_is_not_a_photo()
    {
        Assert.That(PhotoFormat.Sniff([0xFF, 0xD8]), Is.Null);
        Assert.That(PhotoFormat.Sniff([0x89, (byte)'P', (byte)'N', (byte)'G']), Is.Null);
        Assert.That(PhotoFormat.Sniff("RIFF1234WEB"u8), Is.Null);
    }
}
