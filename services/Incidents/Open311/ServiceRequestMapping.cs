namespace Governance.Incidents.Open311;

/// <summary>How much of a request a reader of GET requests may see (issue #13).</summary>
public enum RequestVisibility
{
    /// <summary>Anyone, with no key or a key that may not see more: category, status, agency, dates and
    /// the location rounded to 0.01° (about 1 km); of a petition or dispute only category, status and dates.</summary>
    Public,
    /// <summary>A client system whose key may read details (<see cref="Open311Client.MayReadDetails"/>):
    /// the whole request; a petition or dispute as the public sees any other request (never its
    /// description, address, media or exact place: those are the parties' own business).</summary>
    Details,
}

/// <summary>A case as GET requests shows it (the spec's field table, in its order), for a reader of
/// the given visibility. Fields a reader may not see are left out, as the spec lets optional fields be.</summary>
public static class ServiceRequestMapping
{
    /// <summary>Cases about people's quarrels and complaints: never published beyond what they are and where they stand.</summary>
    public static bool IsSensitive(Category category) => category is Category.Petition or Category.Dispute;

    public static Open311Fields ToNode(ServiceRequestRecord r, RequestVisibility visibility)
    {
        var service = ServiceCatalogue.Of(r.Category);
        var status = Open311Status.Of(r.Status);
        var sensitive = IsSensitive(r.Category);
        // Details for a privileged key, except of sensitive cases; status and place in broad terms for
        // ordinary cases; the bare minimum of sensitive ones for the public.
        var whole = visibility == RequestVisibility.Details && !sensitive;
        var broad = whole || !sensitive || visibility == RequestVisibility.Details;
        var fields = new List<(string, object?)>
        {
            ("service_request_id", r.Id.ToString()),
            ("status", status),
        };
        if (broad) fields.Add(("status_notes", Open311Status.Notes(r.Status, r.Tier, r.FlaggedOverdueAt is not null)));
        fields.Add(("service_name", service.Name));
        fields.Add(("service_code", service.Code));
        if (whole) fields.Add(("description", r.Description));
        // The unit handling it now: village, township, county (or the grid itself).
        if (broad) fields.Add(("agency_responsible", r.HandlingUnitCode));
        fields.Add(("service_notice", null));
        fields.Add(("requested_datetime", r.RequestedAt));
        fields.Add(("updated_datetime", r.UpdatedAt));
        // The current tier's deadline; nothing more is expected of a closed case.
        fields.Add(("expected_datetime", status == Open311Status.Closed ? null : r.DueAt));
        if (whole) fields.Add(("address", r.Address));
        if (broad)
        {
            fields.Add(("lat", whole ? r.Lat : Rounded(r.Lat)));
            fields.Add(("long", whole ? r.Lng : Rounded(r.Lng)));
        }
        if (whole) fields.Add(("media_url", r.MediaUrl));
        return Doc.Fields([.. fields]);
    }

    /// <summary>0.01° (about 1.1 km north–south): the neighbourhood, not the house.</summary>
    public static double? Rounded(double? degrees) => degrees is { } d ? Math.Round(d, 2, MidpointRounding.AwayFromZero) : null;

    public static Open311Document ToDocument(IEnumerable<ServiceRequestRecord> records, RequestVisibility visibility) =>
        new("service_requests", Doc.List("request", records.Select(r => ToNode(r, visibility))));
}
