using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Governance.IntegrationTests.Grids;

/// <summary>The databases a Grids fixture runs against.</summary>
public enum Provider
{
    /// <summary>Standalone: SQLite files and the in-memory bus.</summary>
    Sqlite,
    /// <summary>Distributed: a PostgreSQL database per service and RabbitMQ.</summary>
    Postgres,
}

public static class ProviderDatabases
{
    /// <summary>The database provider a fixture's variant runs on.</summary>
    public static Infrastructure.Data.DatabaseProvider Database(this Provider provider) =>
        provider == Provider.Postgres ? Infrastructure.Data.DatabaseProvider.Postgres : Infrastructure.Data.DatabaseProvider.Sqlite;
}

/// <summary>
/// The three services in one process (InProcessHost) on SQLite and the in-memory bus, or on
/// PostgreSQL and RabbitMQ: every Grids test runs on both. The clock is fake, so "a week later"
/// is an Advance. Tests make their own units (codes from <see cref="NewCode"/>) so that they do
/// not depend on each other's order.
/// </summary>
[NonParallelizable]
public abstract class GridsFixture(Provider provider)
{
    private PostgresRabbitEnvironment? _environment;
    private string? _dataFolder;
    private static int _codes;

    protected InProcessHost Host { get; private set; } = null!;
    protected FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    protected Provider Provider => provider;
    protected HttpClient Http => Host.Http;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Dictionary<string, string> settings;
        if (provider == Provider.Postgres)
        {
            _environment = await PostgresRabbitEnvironment.CreateAsync($"g{GetType().Name.ToLowerInvariant()[..Math.Min(12, GetType().Name.Length)]}");
            settings = _environment.Settings();
        }
        else
        {
            _dataFolder = Path.Combine(Path.GetTempPath(), $"governance-grids-{Guid.NewGuid():N}");
            settings = StandaloneEnvironment.Settings(_dataFolder);
        }
        settings["Logging:LogLevel:Default"] = "Warning";
        Host = await InProcessHost.StartAsync(settings, Time);
        await Host.WaitForDemoCountyAsync(TimeSpan.FromSeconds(60));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Host.DisposeAsync();
        if (_environment is not null) await _environment.DisposeAsync();
        if (_dataFolder is not null) await ScratchFolder.DeleteAsync(_dataFolder);
    }

    /// <summary>A unit code no other test uses (letters and digits, as codes allow).</summary>
    protected static string NewCode(string kind) => $"t{kind}{Interlocked.Increment(ref _codes):D5}";

    protected async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string url, object? body = null, SignedIn? user = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        // A named person signs in with a token of his own (a county administrator's reach unless told).
        if (user is not null) request.Headers.Authorization = user.Bearer;
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    protected Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string url, object body, SignedIn? user = null) => SendAsync(HttpMethod.Post, url, body, user);
    protected Task<(HttpStatusCode Status, JsonElement Body)> PatchAsync(string url, object body, SignedIn? user = null) => SendAsync(HttpMethod.Patch, url, body, user);

    protected async Task<JsonElement> GetAsync(string url)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, url);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), $"GET {url}: {body}");
        return body;
    }

    /// <summary>POSTs and insists on the given status (201 unless told), returning the body.</summary>
    protected async Task<JsonElement> MustPostAsync(string url, object body, HttpStatusCode expected = HttpStatusCode.Created, SignedIn? user = null)
    {
        var (status, answer) = await PostAsync(url, body, user);
        Assert.That(status, Is.EqualTo(expected), $"POST {url}: {answer}");
        return answer;
    }

    protected Task<(HttpStatusCode Status, JsonElement Body)> PostTextAsync(string url, string text, string mediaType, SignedIn? user = null) =>
        PostContentAsync(url, new StringContent(text, Encoding.UTF8, mediaType), user);

    /// <summary>POSTs a file's bytes as they are (an encoding other than UTF-8, say), without a charset.</summary>
    protected Task<(HttpStatusCode Status, JsonElement Body)> PostBytesAsync(string url, byte[] bytes, string mediaType, SignedIn? user = null)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return PostContentAsync(url, content, user);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostContentAsync(string url, HttpContent content, SignedIn? user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (user is not null) request.Headers.Authorization = user.Bearer;
        using var response = await Http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, answer.Length == 0 ? default : JsonDocument.Parse(answer).RootElement.Clone());
    }

    /// <summary>The field names of a validation problem.</summary>
    protected static IReadOnlyList<string> ErrorFields(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();

    protected static IReadOnlyList<string> Codes(JsonElement units) =>
        units.EnumerateArray().Select(u => u.GetProperty("code").GetString()!).ToList();

    /// <summary>A new village under the demo township, with a grid and courtyards under it as asked.</summary>
    protected async Task<(string Village, string Grid, string[] Courtyards)> NewVillageAsync(int courtyards = 1, string township = Demo.Township)
    {
        var village = NewCode("v");
        await MustPostAsync("/grids/units", new { code = village, name = "测试村", level = "village", parentCode = township });
        var grid = NewCode("g");
        await MustPostAsync("/grids/units", new { code = grid, name = "测试网格", level = "grid", parentCode = village });
        var codes = new string[courtyards];
        for (var i = 0; i < courtyards; i++)
        {
            codes[i] = NewCode("c");
            await MustPostAsync("/grids/units", new { code = codes[i], name = $"测试院落{i + 1}", level = "courtyard", parentCode = grid });
        }
        return (village, grid, codes);
    }

    /// <summary>Registers a full-time grid worker at a grid (on duty from now).</summary>
    protected async Task<string> NewGridWorkerAsync(string grid)
    {
        var id = NewCode("w");
        await MustPostAsync("/grids/staff", new { id, name = "测试网格员", role = "grid-worker-full-time", unitCode = grid, phone = "13900001111" });
        return id;
    }

    /// <summary>A new village's grid with one courtyard, and a grid worker of it signed in.</summary>
    protected async Task<(string Grid, string Courtyard, SignedIn Worker)> NewGridWithWorkerAsync(string township = Demo.Township)
    {
        var (_, grid, courtyards) = await NewVillageAsync(courtyards: 1, township: township);
        return (grid, courtyards[0], SignedIn.GridWorker(await NewGridWorkerAsync(grid), grid));
    }

    /// <summary>Files a case at the courtyard as the worker (once Incidents has heard of the courtyard): its id.</summary>
    protected async Task<Guid> FileAsync(string courtyard, SignedIn worker)
    {
        var filed = await Eventually.GetAsync(async () =>
        {
            var (status, body) = await PostAsync("/incidents", new { unitCode = courtyard, category = "facilities", grade = "IV", title = "路灯不亮", description = "巡查发现" }, worker);
            return status == HttpStatusCode.Created ? (Guid?)body.GetProperty("id").GetGuid() : null;
        }, _ => true, TimeSpan.FromSeconds(30), "Incidents to know the courtyard and file the case");
        return filed!.Value;
    }

}
