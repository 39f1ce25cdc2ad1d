namespace Governance.PackageTests;

/// <summary>
/// Reads a settings file as systemd's EnvironmentFile= does for the lines our templates use:
/// KEY=VALUE, blank lines and lines starting with # or ; ignored, one pair of double quotes around a
/// value removed.
/// </summary>
public static class EnvironmentFile
{
    public static Dictionary<string, string> Read(string path)
    {
        var settings = new Dictionary<string, string>();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            var equals = line.IndexOf('=');
            Assert.That(equals, Is.GreaterThan(0), $"{path}: not KEY=VALUE: {raw}");
            var value = line[(equals + 1)..];
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
            settings[line[..equals]] = value;
        }
        return settings;
    }
}
