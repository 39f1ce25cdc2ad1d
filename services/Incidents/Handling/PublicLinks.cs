namespace Governance.Incidents.Handling;

/// <summary>
/// The base of a link a resident opens (a courtyard's QR, his status link): an absolute http(s) address, or a
/// path ("/courtyard#") completed with the origin the request came to — the demo serves on whatever address it is
/// given, and a sheet printed from it must open there.
/// </summary>
public static class PublicLinks
{
    /// <summary>Absolute http(s) or a path; either way the key goes after a final "#", where no access log keeps it.</summary>
    public const string BasePattern = @"^(/|https?://)[^#\s]*#$";

    public static string Complete(string linkBase, string scheme, string host, string pathBase) =>
        linkBase.StartsWith('/') ? $"{scheme}://{host}{pathBase}{linkBase}" : linkBase;
}
