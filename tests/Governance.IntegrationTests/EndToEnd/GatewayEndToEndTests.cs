using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.EndToEnd;

/// <summary>
/// The gateway (services/Gateway, YARP) as users meet it in distributed mode: Grids, Incidents and
/// Dispatch each in its own process on RabbitMQ and PostgreSQL, as in <see cref="DistributedEndToEndTests"/>,
/// and the gateway as a fourth process in front of them. Every request here goes to the gateway's
/// address only: the live board's server-sent events, filing, photos, health, 404 and 401.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class GatewayEndToEndTests
{
    private const long PhotoMaxBytes = 5 * 1024 * 1024; // PhotoOptions.MaxBytes, the default the hosts run with

    private PostgresRabbitEnvironment _environment = null!;
    private ServiceProcesses _services = null!;
    private HostProcess _gateway = null!;
    private Dictionary<string, string> _gatewaySettings = null!;
    private HttpClient _http = null!; // the gateway's address, no token unless a request carries one

    /// <summary>A real 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    private static AuthenticationHeaderValue Dispatcher => TestTokens.Bearer("dispatcher-li", Roles.TownshipDispatcher, Demo.Township);
    private static AuthenticationHeaderValue GridWorker => TestTokens.Bearer("gw-wang", Roles.GridWorkerFullTime, Demo.Grid);

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _environment = await PostgresRabbitEnvironment.CreateAsync("gateway");
        var settings = _environment.Settings();
        settings["Logging:LogLevel:Default"] = "Warning";

        _services = await ServiceProcesses.StartAsync(settings);
        var (grids, incidents, dispatch) = (_services.Grids, _services.Incidents, _services.Dispatch);

        // Configured as run-distributed.sh configures it: routes from its appsettings.json, addresses from the environment.
        _gateway = await _services.StartReadyAsync(HostProcess.StartGateway(_gatewaySettings = new Dictionary<string, string>
        {
            ["ReverseProxy:Clusters:grids:Destinations:d1:Address"] = grids.Address.ToString(),
            ["ReverseProxy:Clusters:incidents:Destinations:d1:Address"] = incidents.Address.ToString(),
            ["ReverseProxy:Clusters:dispatch:Destinations:d1:Address"] = dispatch.Address.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        })); // ready when its /health/ready has asked all three services
        _http = new HttpClient { BaseAddress = _gateway.Address, Timeout = TimeSpan.FromSeconds(30) }.InEnglish();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _services?.Dispose();
        _http?.Dispose();
        await _environment.DisposeAsync();
    }

    [Test]
    public async Task Board_stream_through_the_gateway_announces_a_case_filed_through_it_and_its_photo_comes_back_identical()
    {
        // The township dispatcher's board opens its feed (the page reads it with fetch and the
        // Authorization header: EventSource cannot send one). Dispatch answers 404 until it has the unit tree.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120)); // the whole test, whatever hangs
        await using var board = await Eventually.GetAsync(() => BoardStream.OpenAsync(_http, Demo.Township, Dispatcher, stop.Token),
            _ => true, TimeSpan.FromSeconds(60), "Dispatch to open the township's board stream through the gateway");
        Assert.That(board.ContentType, Is.EqualTo("text/event-stream"));
        // The first event is written and flushed at once; through a buffering proxy it would not arrive.
        var ready = await board.NextAsync(_ => true, TimeSpan.FromSeconds(10));
        Assert.That(ready.Type, Is.EqualTo("ready"));
        Assert.That(ready.Data.GetProperty("unitCode").GetString(), Is.EqualTo(Demo.Township));

        // The grid worker files a case at a courtyard of his grid, grade III: the village handles it (the
        // default policy).
        var id = await FileAsync("III", "路灯不亮");
        var filedAt = Stopwatch.StartNew();

        // Routing happens in Dispatch, over RabbitMQ; the board hears of it while the response is still open.
        var routed = await board.NextAsync(e => e.Type == "case-changed" && e.Data.GetProperty("kind").GetString() == "routed"
            && e.Data.GetProperty("incidentId").GetGuid() == id, TimeSpan.FromSeconds(30));
        TestContext.Out.WriteLine($"routed event through the gateway {filedAt.Elapsed.TotalSeconds:0.00}s after the filing was answered");
        Assert.That(routed.Data.GetProperty("handlingUnitCode").GetString(), Is.EqualTo(Demo.Village));

        // A small PNG through the gateway, and back byte for byte.
        using var upload = await SendAsync(HttpMethod.Post, $"/incidents/{id}/photos", GridWorker, Photo(Png, "streetlight.png"));
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created), await upload.Content.ReadAsStringAsync());
        var location = upload.Headers.Location;
        Assert.That(location, Is.Not.Null, "a Location header for the stored photo");
        Assert.That(location!.OriginalString, Does.StartWith($"/incidents/{id}/photos/"), "the service's own path, valid at the gateway too");
        using var download = await SendAsync(HttpMethod.Get, location.OriginalString, GridWorker);
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(Png));

        // A photo of the largest size the service takes passes the gateway too (its own body limit is higher).
        var largest = new byte[PhotoMaxBytes];
        Random.Shared.NextBytes(largest);
        Png.AsSpan(0, 8).CopyTo(largest); // the PNG signature
        using var large = await SendAsync(HttpMethod.Post, $"/incidents/{id}/photos", GridWorker, Photo(largest, "large.png"));
        Assert.That(large.StatusCode, Is.EqualTo(HttpStatusCode.Created), await large.Content.ReadAsStringAsync());
    }

    /// <summary>The pages' sign-in of a county installed from the package (docs/sessions.md, "Passwords"): no demo
    /// accounts; an administrator's reset, the first sign-in choosing a password, and the session's cookie, all
    /// through the gateway to Grids' own process.</summary>
    [Test]
    public async Task A_grid_worker_signs_in_with_a_password_through_the_gateway_and_his_session_lives_on_its_cookie()
    {
        const string worker = "grid-worker-full-time-" + Demo.Grid;
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = _gateway.Address, Timeout = TimeSpan.FromSeconds(30) };
        var methods = await Eventually.GetAsync(() => browser.GetFromJsonAsync<JsonElement>("/auth/methods"), _ => true, TimeSpan.FromSeconds(30), "the sign-in methods");
        Assert.That((methods.GetProperty("password").GetBoolean(), methods.GetProperty("demoAccounts").GetBoolean()), Is.EqualTo((true, false)));

        var (reset, oneTime) = await _http.SendJsonAsync(HttpMethod.Post, $"/grids/staff/{worker}/password", TestTokens.Bearer());
        Assert.That(reset, Is.EqualTo(HttpStatusCode.OK), oneTime.ToString());
        using (var first = await browser.PostAsJsonAsync("/auth/sign-in", new { account = worker, password = oneTime.GetProperty("password").GetString() }))
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a one-time password asks for a new one first");
        using (var changed = await browser.PostAsJsonAsync("/auth/change-password",
                   new { account = worker, currentPassword = oneTime.GetProperty("password").GetString(), newPassword = "Wang-grid-2027" }))
            Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await changed.Content.ReadAsStringAsync());

        using var refreshed = await browser.PostAsync("/auth/refresh", null);
        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the refresh cookie came back through the gateway");
        var token = (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        Assert.That(await _http.GetStatusAsync("/incidents?limit=1", new AuthenticationHeaderValue("Bearer", token)), Is.EqualTo(HttpStatusCode.OK),
            "Incidents, another process, takes the token Grids issued");
        var (refused, _) = await _http.SendJsonAsync(HttpMethod.Put, "/dispatch/policy", new AuthenticationHeaderValue("Bearer", token), new { rules = Array.Empty<object>() });
        Assert.That(refused, Is.EqualTo(HttpStatusCode.Forbidden),
            "Dispatch knows him (403, not 401), and signed in a grid worker still may not do what only the county may");
    }

    [Test]
    public async Task Bodies_a_service_refuses_unread_answer_its_413_through_the_gateway_not_502()
    {
        var id = await FileAsync("IV", "照片太大");

        // The service answers before reading the body (PhotosApi by Content-Length, Kestrel by its 1 MB
        // limit) and closes the connection; a proxy still sending the body then lost the answer and said
        // 502 (several tries: it was a race the proxy lost most of the time).
        var photoAnswers = new List<string>();
        var filingAnswers = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var tooLarge = new byte[PhotoMaxBytes + 128 * 1024];
            Png.AsSpan(0, 8).CopyTo(tooLarge);
            using var photo = await SendAsync(HttpMethod.Post, $"/incidents/{id}/photos", GridWorker, Photo(tooLarge, "too-large.png"));
            photoAnswers.Add($"{(int)photo.StatusCode} {await photo.Content.ReadAsStringAsync()}");

            using var filing = await SendAsync(HttpMethod.Post, "/incidents", GridWorker,
                new StringContent($"{{\"title\": \"{new string('x', 3 * 1024 * 1024)}\"}}", System.Text.Encoding.UTF8, "application/json"));
            filingAnswers.Add($"{(int)filing.StatusCode}");
        }
        Assert.Multiple(() =>
        {
            Assert.That(photoAnswers, Is.All.StartsWith("413 ").And.All.Contains("photo must be at most 5 MB"), "the service's own answer, naming the field");
            Assert.That(filingAnswers, Is.All.EqualTo("413"));
        });
    }

    [Test]
    public async Task Gateway_answers_its_health_404_for_unknown_paths_and_401_without_a_token()
    {
        using var live = await _http.GetAsync("/health/live");
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var ready = await _http.GetAsync("/health/ready");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ready.Content.ReadAsStringAsync());
        var readiness = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(readiness.GetProperty("status").GetString(), Is.EqualTo("ready"));
        Assert.That(readiness.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("service").GetString()),
            Is.EquivalentTo(new[] { "dispatch", "grids", "incidents" }));

        // Unknown paths: one the gateway itself owns, one a service owns (proxied, answered there with
        // a token), a file that is not there. None turns into a page.
        using var gatewayOwn = await _http.GetAsync("/health/no-such-probe");
        Assert.That(gatewayOwn.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var serviceOwn = await SendAsync(HttpMethod.Get, "/dispatch/no-such-route", Dispatcher);
        Assert.That(serviceOwn.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var file = await _http.GetAsync("/no-such-file.js");
        Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        // Without a token the service refuses, and the gateway passes its answer on (with the challenge).
        foreach (var path in new[] { "/incidents", $"/grids/units/{Demo.Township}", $"/dispatch/events/stream?unitCode={Demo.Township}" })
        {
            using var anonymous = await _http.GetAsync(path);
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), path);
            Assert.That(anonymous.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"), path);
        }
        // With one, the same address reaches the service.
        using var signedIn = await SendAsync(HttpMethod.Get, $"/grids/units/{Demo.Township}", Dispatcher);
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.OK), await signedIn.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_client_route_gets_the_pages_index_html_through_the_gateway()
    {
        // The build puts the pages beside the gateway (tests/run-all.sh builds them; a build with
        // -p:SkipWebPages=true has none, and this test says so).
        var index = Path.Combine(Path.GetDirectoryName(HostProcess.GatewayDll)!, "wwwroot", "index.html");
        Assert.That(File.Exists(index), Is.True, $"{index} is missing: build with the web pages (dotnet build Governance.sln -c Release)");
        using var page = await _http.GetAsync("/command-centre");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await page.Content.ReadAsStringAsync(), Is.EqualTo(await File.ReadAllTextAsync(index)), "the pages' index.html itself");
    }

    [Test]
    public async Task Stopping_the_gateway_ends_open_board_streams_instead_of_waiting_for_them()
    {
        // A gateway of its own, as a second instance would be: this one is stopped.
        var gateway = await _services.StartReadyAsync(HostProcess.StartGateway(_gatewaySettings));
        using var http = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(30) }.InEnglish();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await using var board = await Eventually.GetAsync(() => BoardStream.OpenAsync(http, Demo.Township, Dispatcher, stop.Token),
            _ => true, TimeSpan.FromSeconds(60), "Dispatch to open the township's board stream through the gateway");
        Assert.That((await board.NextAsync(_ => true, TimeSpan.FromSeconds(10))).Type, Is.EqualTo("ready"));

        // Stopped as a service manager stops it. Waiting for the stream (it never ends by itself) held the
        // stop for the whole shutdown timeout, 30 s; deploy/run-distributed.sh kills after 15 s.
        var stopping = Stopwatch.StartNew();
        Assert.That(await gateway.TerminateAsync(TimeSpan.FromSeconds(15)), Is.True, "the gateway to stop within 15 s of SIGTERM");
        TestContext.Out.WriteLine($"gateway stopped {stopping.Elapsed.TotalSeconds:0.0}s after SIGTERM with a board open");
        Assert.That(gateway.ExitCode, Is.Zero, gateway.Output);
        Assert.That(stopping.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(await Task.WhenAny(board.Ended, Task.Delay(TimeSpan.FromSeconds(5))), Is.SameAs(board.Ended), "the board's stream to end");
    }

    /// <summary>A case the grid worker files through the gateway at a courtyard of his grid (Incidents
    /// accepts it once it has learnt the units from Grids).</summary>
    private async Task<Guid> FileAsync(string grade, string title) =>
        (await Eventually.GetAsync(async () =>
        {
            using var response = await SendAsync(HttpMethod.Post, "/incidents", GridWorker, JsonContent.Create(new
            {
                unitCode = Demo.Courtyard, category = "facilities", grade, title, description = "巷口路灯坏了三天",
            }));
            return response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<IncidentJson>() : null;
        }, _ => true, TimeSpan.FromSeconds(60), "Incidents to accept a filing through the gateway")).Id;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, AuthenticationHeaderValue token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = token;
        return await _http.SendAsync(request);
    }

    private static MultipartFormDataContent Photo(byte[] bytes, string fileName)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, "photo", fileName } };
    }

    /// <summary>
    /// The board's feed read as the page reads it (services/Web/src/live.ts): GET with the token in the
    /// Authorization header, then "event:"/"data:" blocks separated by a blank line; keep-alive comments
    /// are skipped. A reader task hands the events over as they arrive.
    /// </summary>
    private sealed class BoardStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly CancellationTokenSource _stop;
        private readonly Channel<(string Type, JsonElement Data)> _events = Channel.CreateUnbounded<(string, JsonElement)>();
        private readonly Task _reader;

        private BoardStream(HttpResponseMessage response, CancellationTokenSource stop)
        {
            _response = response;
            _stop = stop;
            _reader = Task.Run(ReadAsync);
        }

        public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

        /// <summary>Completes when the stream ends, whether closed or broken.</summary>
        public Task Ended => _reader;

        /// <summary>Null (so Eventually tries again) while Dispatch answers anything but 200.</summary>
        public static async Task<BoardStream?> OpenAsync(HttpClient http, string unitCode, AuthenticationHeaderValue token, CancellationToken ct)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/dispatch/events/stream?unitCode={unitCode}");
            request.Headers.Authorization = token;
            request.Headers.Accept.ParseAdd("text/event-stream");
            var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
            if (response.StatusCode == HttpStatusCode.OK) return new BoardStream(response, stop);
            response.Dispose();
            stop.Dispose();
            return null;
        }

        /// <summary>The next event that matches, skipping others; fails after <paramref name="limit"/>.</summary>
        public async Task<(string Type, JsonElement Data)> NextAsync(Func<(string Type, JsonElement Data), bool> match, TimeSpan limit)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(limit);
            var seen = new List<string>();
            try
            {
                while (true)
                {
                    var e = await _events.Reader.ReadAsync(timeout.Token);
                    if (match(e)) return e;
                    seen.Add($"{e.Type} {e.Data}");
                }
            }
            catch (Exception x) when (x is OperationCanceledException or ChannelClosedException)
            {
                throw new TimeoutException($"No matching event within {limit.TotalSeconds:0}s (stream {(x is ChannelClosedException ? "ended" : "open")}); " +
                    $"seen meanwhile: [{string.Join("; ", seen)}]");
            }
        }

        private async Task ReadAsync()
        {
            try
            {
                using var reader = new StreamReader(await _response.Content.ReadAsStreamAsync(_stop.Token));
                string type = "message";
                var data = new List<string>();
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    if (line.Length == 0)
                    {
                        if (data.Count > 0) _events.Writer.TryWrite((type, JsonDocument.Parse(string.Join("\n", data)).RootElement.Clone()));
                        type = "message";
                        data.Clear();
                    }
                    else if (line.StartsWith("event:", StringComparison.Ordinal)) type = line[6..].Trim();
                    else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Add(line[5..].TrimStart());
                }
                _events.Writer.TryComplete();
            }
            catch (Exception e)
            {
                _events.Writer.TryComplete(e is OperationCanceledException ? null : e);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try { await _reader; } catch (OperationCanceledException) { }
            _response.Dispose();
            _stop.Dispose();
        }
    }
}
