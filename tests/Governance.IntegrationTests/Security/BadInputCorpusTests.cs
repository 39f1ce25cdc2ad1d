using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Security;

/// <summary>
/// A corpus of bad input sent to every endpoint the host maps (found from its routing table, so a
/// new endpoint is covered without anyone remembering to): malformed JSON, wrong types, missing
/// fields, unknown codes, 1 MB strings, control characters, invalid UTF-8, SQL and script injection,
/// negative and overflowing numbers, and ids of another township's case. Zero 5xx, and zero rows
/// changed in any table of the three services.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BadInputCorpusTests : StandaloneFixture
{
    private Guid _caseOfTownship1;

    private static readonly string Huge = new('x', 1024 * 1024 + 10);

    private static readonly (string Name, byte[] Body, string ContentType)[] Bodies =
    [
        ("malformed json", Utf8("{\"unitCode\": \"500101001001001\", "), "application/json"),
        ("not json at all", Utf8("<xml>hello</xml>"), "application/json"),
        ("empty object", Utf8("{}"), "application/json"),
        ("array instead of object", Utf8("[1,2,3]"), "application/json"),
        ("wrong types", Utf8("{\"unitCode\":12,\"category\":true,\"grade\":[],\"title\":{},\"description\":null,\"satisfied\":\"yes\",\"deaths\":\"many\"}"), "application/json"),
        ("unknown codes", Utf8("{\"unitCode\":\"999999999999999\",\"category\":\"gossip\",\"grade\":\"V\",\"title\":\"t\",\"description\":\"d\",\"result\":\"maybe\",\"level\":\"planet\"}"), "application/json"),
        ("one megabyte string", Utf8($"{{\"title\":\"{Huge}\",\"description\":\"d\"}}"), "application/json"),
        ("control characters", Utf8("{\"unitCode\":\"500101001001001\",\"category\":\"other\",\"grade\":\"IV\",\"title\":\"a\\u0000\\u0007b\",\"description\":\"\\u001b[31m\",\"note\":\"\\u0000\",\"reason\":\"\\u0008\"}"), "application/json"),
        ("invalid utf-8", [(byte)'{', (byte)'"', (byte)'t', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)'}'], "application/json"),
        ("sql injection", Utf8("{\"unitCode\":\"500101001001001'; DROP TABLE incidents;--\",\"category\":\"other' OR '1'='1\",\"grade\":\"IV\",\"title\":\"' OR 1=1 --\",\"description\":\"d\",\"name\":\"x'); DELETE FROM units;--\",\"reason\":\"' OR 1=1\"}"), "application/json"),
        ("script", Utf8("{\"unitCode\":\"<script>alert(1)</script>\",\"category\":\"other\",\"grade\":\"IV\",\"title\":\"<img src=x onerror=alert(1)>\",\"description\":\"javascript:alert(1)\"}"), "application/json"),
        ("negative and overflowing numbers", Utf8("{\"deaths\":-1,\"seriouslyInjured\":99999999999999999999,\"directLossYuan\":-9223372036854775809,\"limit\":-5,\"yellowFraction\":1e309,\"location\":{\"lat\":1e400,\"lng\":-999}}"), "application/json"),
        ("form garbage", Utf8("api_key=%27%3B--&service_code=%00&lat=abc&long=1e999&description=%FF%FE"), "application/x-www-form-urlencoded"),
        ("csv garbage", Utf8("code,name,level,parentCode\n'; DROP TABLE units;--,\u0000,planet,\n"), "text/csv"),
    ];

    private static readonly string[] Queries =
    [
        "limit=-1", "limit=99999999999", "offset=-3", "level=planet", "status=%00", "unitCode=%27%20OR%201%3D1--", "from=2026-99-99",
        "to=yesterday", "at=not-a-time", "lat=999&lng=abc", "unitCode=" + new string('9', 5000),
    ];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["Incidents:Intake:PermitsPerMinute"] = "100000" };

    [OneTimeSetUp]
    public async Task FileACaseAsync()
    {
        var filed = await Host.FileAsync(Demo.Courtyard, "other", "IV");
        _caseOfTownship1 = filed.Id;
        await Eventually.GetAsync(() => Host.IncidentAsync(filed.Id), i => i.Status == "assigned", TimeSpan.FromSeconds(30), "routing");
    }

    [Test]
    public async Task Every_endpoint_answers_bad_input_without_a_5xx_and_changes_no_rows()
    {
        var endpoints = RouteSamples.Endpoints(Host.Services);
        Assert.That(endpoints, Has.Count.GreaterThan(40), "the routing table should list the whole API");
        var before = await ServiceTables.SnapshotAsync(Environment.DataFolder);
        // Another township's dispatcher: every id he forges belongs to township 1's case.
        var outsider = TestTokens.Bearer("dispatcher-2", Roles.TownshipDispatcher, "500101002000");
        var admin = TestTokens.Bearer();
        var failures = new List<string>();
        var sent = 0;
        using var client = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }.InEnglish();

        async Task SendAsync(string method, string url, AuthenticationHeaderValue who, byte[]? body, string? contentType, string what)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (body is not null) request.Content = new ByteArrayContent(body) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType!) } };
            request.Headers.Authorization = who;
            // The server drops the connection of a refused oversized body: do not reuse it.
            if (body is { Length: > 1024 * 1024 }) request.Headers.ConnectionClose = true;
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (HttpRequestException) when (body is { Length: > 1024 * 1024 })
            {
                // Kestrel refuses a body over the limit (413) and closes the connection while the
                // client is still sending: refused before it was read, as intended.
                sent++;
                return;
            }
            sent++;
            if ((int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode} {method} {url} [{what}]: {Cut(await response.Content.ReadAsStringAsync())}");
        }

        foreach (var (method, pattern) in endpoints)
        {
            if (pattern.Contains("events/stream")) continue; // a long-lived stream, not a request/answer endpoint
            foreach (var forged in new[] { false, true })
            {
                // Forged: ids of another township's case; injection text in every other route value.
                var url = RouteSamples.Fill(pattern, forged ? _caseOfTownship1 : Guid.NewGuid(), "'; DROP TABLE units;-- <script>");
                var who = forged ? outsider : admin;
                if (method is "GET" or "DELETE")
                    foreach (var query in Queries) await SendAsync(method, $"{url}?{query}", who, null, null, query);
                else
                    foreach (var (name, body, type) in Bodies) await SendAsync(method, url, who, body, type, name);
            }
        }
        var after = await ServiceTables.SnapshotAsync(Environment.DataFolder);
        var changed = ServiceTables.Changes(before, after);
        TestContext.Out.WriteLine($"corpus: endpoints={endpoints.Count} requests={sent} server_errors={failures.Count} tables_changed={changed.Count}");
        Assert.That(failures, Is.Empty);
        Assert.That(changed, Is.Empty);
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] : text;
}
