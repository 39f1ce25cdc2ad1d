using Governance.Incidents.Apis;
using Governance.Incidents.Handling;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Governance.Incidents.Open311;

/// <summary>POST requests (file a case), GET requests (query them), GET requests/{id} (one).</summary>
public static class ServiceRequestsApi
{
    /// <summary>Whose filing came through Open311: its reporter is "open311:&lt;client name&gt;".</summary>
    public const string ReporterPrefix = "open311:";

    /// <summary>service_notice of a new request: what happens next.</summary>
    public const string FiledNotice = "已受理登记，将按事件类型和等级派遣至相应层级办理；可凭 service_request_id 查询办理进度。";

    /// <summary>service_notice of a call no unit was found for: taken all the same (接诉即办).</summary>
    public const string TriageNotice = "已受理登记；事发地点待区县指挥中心分拨后，按事件类型和等级派遣办理；可凭 service_request_id 查询办理进度。";

    /// <summary>
    /// Files a case from an application/x-www-form-urlencoded form, as POST /incidents does: Filing
    /// validates and files inside one unit of work, and the Open311 extras are stored in the same
    /// transaction. The reporter is recorded as "open311:&lt;client name&gt;".
    /// </summary>
    public static async Task<Open311Result> Create(string format, HttpContext http, IncidentsDatabase db,
        UnitOfWorkRunner<IncidentsDatabase> runner, IOptions<Open311Settings> settings, IOptions<DuplicateOptions> duplicates,
        IOptions<LocationOptions> location, PersonalDataSealer sealer)
    {
        var f = Open311Formats.Parse(format);
        if (!http.Request.HasFormContentType)
            return Open311Errors.BadRequest(f, IncidentsTexts.FormRequired);
        IFormCollection raw;
        try
        {
            raw = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException ex)
        {
            return Open311Errors.BadRequest(f, IncidentsTexts.FormUnreadable(ex.Message));
        }
        catch (BadHttpRequestException ex)
        {
            return Open311Errors.Of(f, ex.StatusCode, IncidentsTexts.FormUnreadable(ex.Message));
        }
        var form = ServiceRequestForm.Read(raw, http.Request.Query);

        var client = (await ApiKeys.ClientAsync(db, form.ApiKey, settings.Value.AcceptDemoKey == true, http.RequestAborted))?.Name;
        if (client is null)
            return Open311Errors.Forbidden(f, form.ApiKey is null
                ? IncidentsTexts.ApiKeyRequired
                : IncidentsTexts.ApiKeyUnknown);
        if (await Open311Api.CheckJurisdictionAsync(db, f, form.JurisdictionId) is { } wrongJurisdiction) return wrongJurisdiction;
        if (form.ServiceCode is null)
            return Open311Errors.BadRequest(f, IncidentsTexts.ServiceCodeRequired(ServiceCatalogue.CodeList));
        if (ServiceCatalogue.Find(form.ServiceCode) is null) return Open311Api.UnknownService(f, form.ServiceCode);

        // A client system that may retry sends an Idempotency-Key, as POST /incidents takes it: the key is
        // this client system's own, the same key with the same form answers the first request (200).
        var (key, keyErrors) = IdempotencyKeys.From(http.Request, () => IdempotencyKey.Fingerprint(form.FingerprintFields()));
        if (keyErrors is not null) return Open311Errors.Of(f, StatusCodes.Status400BadRequest, form.Translate(keyErrors));

        var ownErrors = form.Check().ToList();
        var id = Guid.CreateVersion7();
        var reporter = ReporterPrefix + client;
        AuditActor.Name(http, reporter);
        Task<IncidentStore.KeyedFiling?> EarlierAsync(DbSession session) =>
            key is null ? Task.FromResult<IncidentStore.KeyedFiling?>(null) : IncidentStore.FindByIdempotencyKeyAsync(session, reporter, key.Key);
        (bool Filed, IncidentStore.KeyedFiling? Earlier, FieldErrors Errors) outcome;
        var triage = false;
        try
        {
            outcome = await runner.RunAsync(async uow =>
            {
                if (await EarlierAsync(uow) is { } earlier) return (false, earlier, new FieldErrors());
                var errors = new FieldErrors();
                var filing = FileIncidentRequest.ToCommand(form.ToFiling(), errors, hotline: true) is { } command
                    ? await Filing.ValidateAsync(uow, command, errors, location.Value) : null;
                if (filing is null || ownErrors.Count > 0) return (false, (IncidentStore.KeyedFiling?)null, errors);
                var incident = (await Filing.FileAsync(uow, id, filing, reporter, key, duplicates.Value,
                    Filing.Readers.ClientSystem(reporter, filing))).Incident;
                await ServiceRequestStore.InsertAsync(uow, incident.Id, incident.FiledAt, form.Extras(client), sealer);
                triage = filing.Triage;
                return (true, null, errors);
            }, http.RequestAborted);
        }
        catch (Exception ex) when (key is not null && DatabaseErrors.IsUniqueViolation(ex))
        {
            // The same key sent twice at once: the other request filed first.
            await using var c = await db.OpenReadAsync(http.RequestAborted);
            var earlier = await EarlierAsync(c);
            if (earlier is null) throw;
            outcome = (false, earlier, new FieldErrors());
        }
        var (filed, repeated, filingErrors) = outcome;
        if (repeated is not null)
            return key!.SameFilingAs(repeated.RequestHash)
                ? Created(f, StatusCodes.Status200OK, repeated.Incident.Id, form.AccountId, repeated.Incident.Status == Model.IncidentStatus.Triage)
                : Open311Errors.Of(f, StatusCodes.Status422UnprocessableEntity,
                    IncidentsTexts.RequestKeyUsed(IdempotencyKeys.Header, repeated.Incident.Id));
        if (!filed)
            return Open311Errors.Of(f, StatusCodes.Status400BadRequest, ownErrors.Concat(form.Translate(filingErrors)));
        return Created(f, StatusCodes.Status201Created, id, form.AccountId, triage);
    }

    private static Open311Result Created(Open311Format f, int status, Guid id, string? accountId, bool triage)
    {
        var created = Doc.Fields(("service_request_id", id.ToString()), ("service_notice", triage ? TriageNotice : FiledNotice), ("account_id", accountId));
        return new Open311Result(status, f, new Open311Document("service_requests", Doc.List("request", [created])))
        {
            Location = $"{Open311Api.Root}/requests/{id}.{f.Extension()}",
        };
    }

    /// <summary>Requests as the reader may see them (<see cref="RequestVisibility"/>): the public fields,
    /// or more for an api_key whose client may read details. A key given but unknown or revoked is refused (403).</summary>
    public static async Task<Open311Result> List(string format, HttpRequest request, IncidentsDatabase db, TimeProvider time, IOptions<Open311Settings> settings)
    {
        var f = Open311Formats.Parse(format);
        if (await VisibilityAsync(request, db, settings) is not { } visibility)
            return Open311Errors.Forbidden(f, IncidentsTexts.UnknownApiKey);
        if (await Open311Api.CheckJurisdictionAsync(db, f, request.Query["jurisdiction_id"]) is { } wrong) return wrong;
        var (query, errors) = ServiceRequestQueryParser.Parse(request.Query, time.GetUtcNow());
        if (query is null) return Open311Errors.Of(f, StatusCodes.Status400BadRequest, errors);
        await using var connection = await db.OpenReadAsync(request.HttpContext.RequestAborted);
        var found = await ServiceRequestStore.QueryAsync(connection, query);
        return new Open311Result(StatusCodes.Status200OK, f, ServiceRequestMapping.ToDocument(found, visibility));
    }

    public static async Task<Open311Result> Get(string id, string format, HttpRequest request, IncidentsDatabase db, IOptions<Open311Settings> settings)
    {
        var f = Open311Formats.Parse(format);
        if (await VisibilityAsync(request, db, settings) is not { } visibility)
            return Open311Errors.Forbidden(f, IncidentsTexts.UnknownApiKey);
        if (await Open311Api.CheckJurisdictionAsync(db, f, request.Query["jurisdiction_id"]) is { } wrong) return wrong;
        ServiceRequestRecord? found = null;
        if (Guid.TryParse(id, out var guid))
        {
            await using var connection = await db.OpenReadAsync(request.HttpContext.RequestAborted);
            found = await ServiceRequestStore.FindAsync(connection, guid);
        }
        return found is null
            ? Open311Errors.NotFound(f, IncidentsTexts.UnknownServiceRequest(id))
            : new Open311Result(StatusCodes.Status200OK, f, ServiceRequestMapping.ToDocument([found], visibility));
    }

    /// <summary>What the reader may see: public without api_key; null (refused) for a key that is not valid.</summary>
    private static async Task<RequestVisibility?> VisibilityAsync(HttpRequest request, IncidentsDatabase db, IOptions<Open311Settings> settings)
    {
        var key = request.Query["api_key"].FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        if (key is null) return RequestVisibility.Public;
        return await ApiKeys.ClientAsync(db, key, settings.Value.AcceptDemoKey == true, request.HttpContext.RequestAborted) switch
        {
            null => null,
            { MayReadDetails: true } => RequestVisibility.Details,
            _ => RequestVisibility.Public,
        };
    }
}
