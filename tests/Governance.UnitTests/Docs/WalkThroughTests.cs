using NUnit.Framework;

namespace Governance.UnitTests.Docs;

/// <summary>
/// The curl walk-through runs as written (issue 12): docs/api.md shows docs/samples/walk-through.sh as it
/// is, and the photo it sends is in the repository. (Running it needs a Host: see docs/api.md.)
/// </summary>
[TestFixture]
public sealed class WalkThroughTests
{
    private static string Repository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Governance.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No Governance.sln above {AppContext.BaseDirectory}");
    }

    [Test]
    public void The_api_doc_shows_the_walk_through_script_as_it_is()
    {
        var script = File.ReadAllText(Path.Combine(Repository(), "docs", "samples", "walk-through.sh"));
        var doc = File.ReadAllText(Path.Combine(Repository(), "docs", "api.md"));
        Assert.That(doc, Does.Contain("```bash\n" + script + "```\n"));
    }

    [Test]
    public void The_photo_the_walk_through_sends_is_a_small_JPEG_in_the_repository()
    {
        var photo = File.ReadAllBytes(Path.Combine(Repository(), "docs", "samples", "scene.jpg"));
        Assert.That(photo.Take(3), Is.EqualTo(new byte[] { 0xFF, 0xD8, 0xFF }), "JPEG's start of image");
        Assert.That(photo.Length, Is.InRange(100, 64 * 1024));
    }
}
