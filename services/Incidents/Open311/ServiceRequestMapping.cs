namespace Governance.Incidents.Open311;

/// <summary>A case as GET requests shows it (the spec's field table, in its order).</summary>
public static class ServiceRequestMapping
{
    public static Open311Fields ToNode(ServiceRequestRecord r)
    {
        var service = ServiceCatalogue.Of(r.Category);
        var status = Open311Status.Of(r.Status);
        return Doc.Fields(
            ("service_request_id", r.Id.ToString()),
            ("status", status),
            ("status_notes", Open311Status.Notes(r.Status, r.Tier, r.FlaggedOverdueAt is not null)),
            ("service_name", service.Name),
            ("service_code", service.Code),
            ("description", r.Description),
            // The unit handling it now: village, township, county (or the grid itself).
            ("agency_responsible", r.HandlingUnitCode),
            ("service_notice", null),
            ("requested_datetime", r.RequestedAt),
            ("updated_datetime", r.UpdatedAt),
            // The current tier's deadline; nothing more is expected of a closed case.
            ("expected_datetime", status == Open311Status.Closed ? null : r.DueAt),
            ("address", r.Address),
            ("lat", r.Lat),
            ("long", r.Lng),
            ("media_url", r.MediaUrl));
    }

    public static Open311Document ToDocument(IEnumerable<ServiceRequestRecord> records) =>
        new("service_requests", Doc.List("request", records.Select(ToNode)));
}
