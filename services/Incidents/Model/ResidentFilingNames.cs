namespace Governance.Incidents.Model;

/// <summary>
/// How a resident's filing through his courtyard's QR page is recorded: as a hotline or app filing (Open311's
/// request row, the caller sealed), so 回访, the holder's call button and the masked caller work for it as for
/// any resident's case. The client name has a ":", which no Open311 client system's name may have, so none
/// can be taken for it (nor be called back for it).
/// </summary>
public static class ResidentFilingNames
{
    public const string ClientName = "courtyard:qr";

    /// <summary>The case's reporter: "open311:courtyard:qr".</summary>
    public const string Reporter = StatusChange.Open311ReporterPrefix + ClientName;

    /// <summary>Who adds a photo from the resident's page, on the timeline.</summary>
    public const string PhotoActor = "resident:courtyard-qr";
}
