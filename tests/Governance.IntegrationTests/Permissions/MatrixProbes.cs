using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace Governance.IntegrationTests.Permissions;

/// <summary>
/// Each action of the matrix as one HTTP request (services/Incidents/Apis CaseActionsApi, CoordinationApi,
/// PhotosApi; services/Dispatch/Apis CommandCentreApi), the case it needs and the state that case must
/// be in so the action fits.
/// </summary>
public static class MatrixProbes
{
    /// <summary>Actions that change nothing: an allowed probe may share its case with others.</summary>
    public static bool Changes(string action) => action is not ("read" or "read-caller");

    /// <summary>The state in which the action fits.</summary>
    public static CaseState StateFor(string action) => action switch
    {
        "accept" => CaseState.Assigned,
        "decide-move-up" => CaseState.MoveUpRequested,
        "verify" => CaseState.Resolved,
        _ => CaseState.Accepted,
    };

    /// <summary>The case a cell's person relates to as the cell says, adapted to the action: a dispute
    /// where a village-tier case is mediated, departments called in where a department works, a county
    /// case moved up from the township where it is sent back.</summary>
    public static CaseSpec SpecFor(Cell cell, string action)
    {
        var spec = cell.Relation switch
        {
            "holder" => new CaseSpec(cell.Tier, Departments: cell.Role == "department-handler"),
            "department" => new CaseSpec(cell.Tier, Departments: true),
            "reporter" => new CaseSpec(cell.Tier, Reporter: cell),
            _ => new CaseSpec(cell.Tier),
        };
        return action switch
        {
            "mediate" when spec.Tier == "village" => spec with { Category = "dispute" },
            "department-work" when spec.Tier is "township" or "county" => spec with { Departments = true },
            "send-back" when spec.Tier == "county" && !spec.Departments => spec with { MovedUp = true },
            _ => spec,
        };
    }

    /// <summary>The request that takes the action on <paramref name="id"/> (merging it into <paramref name="into"/>).</summary>
    public static (HttpMethod Method, string Path, HttpContent? Body) Request(string action, Guid id, Guid into, CaseSpec spec, ProbeCases cases,
        MatrixDepartments departments) => action switch
    {
        "read" => (HttpMethod.Get, $"/incidents/{id}", null),
        // Probe cases are filed by staff: the holder is answered an empty contact (CallerContactTests reads a real one).
        "read-caller" => (HttpMethod.Get, $"/incidents/{id}/caller", null),
        "accept" => Post($"/incidents/{id}/accept", null),
        "resolve" => Post($"/incidents/{id}/resolve", new { note = "已处理完毕" }),
        "note" => Post($"/incidents/{id}/notes", new { text = "正在协调处理" }),
        "add-photo" => (HttpMethod.Post, $"/incidents/{id}/photos", Photo()),
        "request-move-up" => Post($"/incidents/{id}/escalation-requests", new { reason = "超出本级处置能力" }),
        "decide-move-up" => Post($"/incidents/{id}/escalation-requests/decision", new { approve = true, reason = "同意提级办理" }),
        "send-back" => Post($"/dispatch/assignments/{id}/send-back", new { reason = "属下级可办事项" }),
        "move-up" => Post($"/dispatch/assignments/{id}/escalate", new { reason = "需上级协调" }),
        "call-in-departments" => Post($"/dispatch/assignments/{id}/departments", new
        {
            lead = spec.Tier == "county" ? departments.CountyLead : departments.TownshipLead,
            coHandlers = new[] { new { department = spec.Tier == "county" ? departments.CountyCoHandler : departments.TownshipOther, deadline = "2d" } },
        }),
        "department-work" => Post($"/dispatch/assignments/{id}/departments/{cases.CoHandlerOf(spec)}/check-in", new { note = "已报到" }),
        "urge" => Post($"/dispatch/assignments/{id}/urge", new { note = "请加快办理" }),
        "supervise" => Post($"/dispatch/assignments/{id}/supervise", new { reason = "限期办结" }),
        "pull-up" => Post($"/dispatch/assignments/{id}/pull-up", new { reason = "提级办理" }),
        "regrade" => Post($"/incidents/{id}/grade", new { grade = spec.Grade switch { "IV" => "III", "III" => "II", "II" => "I", _ => "II" }, reason = "核实后调整等级" }),
        "report-casualties" => Post($"/incidents/{id}/casualties", new { deaths = 0, seriouslyInjured = 1, directLossYuan = 1000 }),
        "verify" => Post($"/incidents/{id}/verification", new { result = "solved", satisfaction = "satisfied" }),
        "merge" => Post($"/incidents/{id}/merge", new { into }),
        "mediate" => Post($"/incidents/{id}/mediations", new
        {
            mediators = new[] { "乡贤 陈德华" }, parties = new[] { "张家", "刘家" }, scheduledAt = DateTimeOffset.UtcNow.AddDays(1),
        }),
        _ => throw new ArgumentException($"No probe for {action}."),
    };

    private static (HttpMethod, string, HttpContent?) Post(string path, object? body) =>
        (HttpMethod.Post, path, body is null ? null : JsonContent.Create(body));

    /// <summary>A small JPEG (the server reads the format from the bytes), new bytes every time.</summary>
    private static MultipartFormDataContent Photo()
    {
        var bytes = RandomNumberGenerator.GetBytes(2048);
        bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF; bytes[3] = 0xE0;
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { file, "photo", "scene.jpg" } };
    }
}
