using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Grids;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.CaseLoop;

/// <summary>
/// Photos of a case (issue #5), stored in the Incidents database, on SQLite (standalone) and on
/// PostgreSQL with RabbitMQ: upload, list, download the same bytes; the same bytes twice are one
/// photo; size, format and count limits answer problems naming "photo"; outside the caller's units
/// the photos do not exist.
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
[NonParallelizable]
public sealed class PhotoTests(Provider provider)
{
    private const long MaxBytes = 5 * 1024 * 1024;
    private const string GridWorker = "gw-photo";
    private const string Township2 = "500101002000";

    private StandaloneEnvironment? _standalone;
    private PostgresRabbitEnvironment? _postgres;
    private InProcessHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (provider == Provider.Sqlite)
        {
            _standalone = await StandaloneEnvironment.StartAsync();
            _host = _standalone.Host;
            return;
        }
        _postgres = await PostgresRabbitEnvironment.CreateAsync("photos");
        _host = await InProcessHost.StartAsync(_postgres.Settings());
        await _host.WaitForDemoCountyAsync(TimeSpan.FromSeconds(60));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_standalone is not null) await _standalone.DisposeAsync();
        else
        {
            await _host.DisposeAsync();
            await _postgres!.DisposeAsync();
        }
    }

    private static AuthenticationHeaderValue GridWorkerToken => TestTokens.Bearer(GridWorker, Roles.GridWorkerFullTime, Demo.Grid);
    private static AuthenticationHeaderValue OutsiderToken => TestTokens.Bearer("dispatcher-2", Roles.TownshipDispatcher, Township2);

    /// <summary>A case filed by the grid worker at a courtyard of his grid.</summary>
    private async Task<Guid> FileAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/incidents")
        {
            Content = JsonContent.Create(new { unitCode = Demo.Courtyard, category = "facilities", grade = "IV", title = "井盖缺失", description = "路口井盖丢失" }),
        };
        request.Headers.Authorization = GridWorkerToken;
        using var response = await _host.Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Bytes that start like a JPEG (the server reads the format from them), the rest random.</summary>
    private static byte[] Jpeg(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF; bytes[3] = 0xE0;
        return bytes;
    }

    /// <summary>A real 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private async Task<HttpResponseMessage> UploadAsync(Guid id, byte[] bytes, string fileName = "photo.jpg", string contentType = "image/jpeg",
        AuthenticationHeaderValue? who = null, bool expectContinue = false, string field = "photo")
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(part, field, fileName);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/incidents/{id}/photos") { Content = form };
        request.Headers.Authorization = who ?? GridWorkerToken;
        if (expectContinue) request.Headers.ExpectContinue = true;
        var response = await _host.Http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private async Task<HttpResponseMessage> GetAsync(string url, AuthenticationHeaderValue? who = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = who ?? GridWorkerToken;
        var response = await _host.Http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private async Task<List<JsonElement>> PhotosAsync(Guid id) =>
        (await (await GetAsync($"/incidents/{id}/photos")).Content.ReadFromJsonAsync<List<JsonElement>>())!;

    private static async Task<string[]> PhotoErrorsAsync(HttpResponseMessage response)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").GetProperty("photo").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    [Test]
    public async Task A_photo_uploaded_is_listed_on_the_case_and_downloads_as_the_same_bytes()
    {
        var id = await FileAsync();
        // Over the host's 1 MB body limit for everything else: this route takes a photo's worth.
        var bytes = Jpeg(1_500_000);
        var created = await UploadAsync(id, bytes);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var photo = await created.Content.ReadFromJsonAsync<JsonElement>();
        var photoId = photo.GetProperty("id").GetGuid();
        Assert.That(created.Headers.Location?.ToString(), Is.EqualTo($"/incidents/{id}/photos/{photoId}"));
        Assert.That(photo.GetProperty("contentType").GetString(), Is.EqualTo("image/jpeg"));
        Assert.That(photo.GetProperty("size").GetInt64(), Is.EqualTo(bytes.Length));
        Assert.That(photo.GetProperty("sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes))));
        Assert.That(photo.GetProperty("uploadedBy").GetString(), Is.EqualTo(GridWorker));

        var png = await UploadAsync(id, Png, "dot.png", "image/png");
        Assert.That(png.StatusCode, Is.EqualTo(HttpStatusCode.Created), await png.Content.ReadAsStringAsync());

        var listed = await PhotosAsync(id);
        Assert.That(listed.Select(p => p.GetProperty("id").GetGuid()).First(), Is.EqualTo(photoId), "oldest first");
        Assert.That(listed.Select(p => p.GetProperty("contentType").GetString()), Is.EqualTo(new[] { "image/jpeg", "image/png" }));

        var download = await GetAsync($"/incidents/{id}/photos/{photoId}");
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(bytes));
        Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/jpeg"));
        Assert.That(download.Headers.CacheControl?.Private, Is.True);
        Assert.That(download.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        var pngId = listed[1].GetProperty("id").GetGuid();
        Assert.That(await (await GetAsync($"/incidents/{id}/photos/{pngId}")).Content.ReadAsByteArrayAsync(), Is.EqualTo(Png));

        // Asked again with its ETag: 304, the bytes are not sent a second time.
        var again = new HttpRequestMessage(HttpMethod.Get, $"/incidents/{id}/photos/{photoId}");
        again.Headers.Authorization = GridWorkerToken;
        again.Headers.IfNoneMatch.Add(download.Headers.ETag!);
        Assert.That((await _host.Http.SendAsync(again)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));

        // The case's own answer lists them, and its timeline says who added them.
        var incident = await (await GetAsync($"/incidents/{id}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(incident.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()), Is.EqualTo(new[] { photoId, pngId }));
        var added = incident.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("action").GetString() == "photo-added").ToList();
        Assert.That(added, Has.Count.EqualTo(2));
        Assert.That(added.Select(e => e.GetProperty("actor").GetString()), Is.All.EqualTo(GridWorker));

        // A photo id of another case is not found under this one.
        var other = await FileAsync();
        Assert.That((await GetAsync($"/incidents/{other}/photos/{photoId}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await GetAsync($"/incidents/{id}/photos/{Guid.NewGuid()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_same_bytes_sent_twice_are_one_photo()
    {
        var id = await FileAsync();
        var bytes = Jpeg(20_000);
        var first = await UploadAsync(id, bytes);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var second = await UploadAsync(id, bytes, "retry.jpeg");
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a retry answers the photo stored the first time");
        Assert.That((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(),
            Is.EqualTo((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        Assert.That(await PhotosAsync(id), Has.Count.EqualTo(1));

        // The same picture on another case is that case's own photo.
        var other = await FileAsync();
        Assert.That((await UploadAsync(other, bytes)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task A_photo_over_the_limit_is_refused_with_a_problem_naming_photo()
    {
        var id = await FileAsync();
        // Just over: the body is read, the photo measured and refused.
        var over = await UploadAsync(id, Jpeg((int)MaxBytes + 1));
        Assert.That(over.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), await over.Content.ReadAsStringAsync());
        Assert.That(await PhotoErrorsAsync(over), Has.Some.Contains("at most 5 MB"));

        // Far over, announced by Content-Length: refused before the body is sent.
        var far = await UploadAsync(id, Jpeg(6 * 1024 * 1024), expectContinue: true);
        Assert.That(far.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), await far.Content.ReadAsStringAsync());
        Assert.That(await PhotoErrorsAsync(far), Is.Not.Empty);

        // Exactly at the limit is accepted.
        var at = await UploadAsync(id, Jpeg((int)MaxBytes));
        Assert.That(at.StatusCode, Is.EqualTo(HttpStatusCode.Created), await at.Content.ReadAsStringAsync());
        Assert.That(await PhotosAsync(id), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Anything_but_a_JPEG_PNG_or_WebP_is_refused_whatever_it_is_called()
    {
        var id = await FileAsync();
        var text = await UploadAsync(id, Encoding.UTF8.GetBytes("这不是照片，只是改了扩展名的文本文件。\n"), "photo.jpg", "image/jpeg");
        Assert.That(text.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await PhotoErrorsAsync(text), Has.Some.Contains("JPEG, PNG or WebP"));

        var html = await UploadAsync(id, Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "x.png", "image/png");
        Assert.That(html.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var gif = await UploadAsync(id, "GIF89a"u8.ToArray(), "x.gif", "image/gif");
        Assert.That(gif.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var empty = await UploadAsync(id, [], "empty.jpg");
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await PhotoErrorsAsync(empty), Is.Not.Empty);
        var wrongField = await UploadAsync(id, Png, "dot.png", "image/png", field: "picture");
        Assert.That(wrongField.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await PhotoErrorsAsync(wrongField), Has.Some.Contains("required"));

        // Not multipart at all (a raw image body): told how to send it.
        var raw = new HttpRequestMessage(HttpMethod.Post, $"/incidents/{id}/photos") { Content = new ByteArrayContent(Png) };
        raw.Content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        raw.Headers.Authorization = GridWorkerToken;
        var rawResponse = await _host.Http.SendAsync(raw);
        Assert.That(rawResponse.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await PhotoErrorsAsync(rawResponse), Has.Some.Contains("multipart/form-data"));

        // Multipart that is not: a boundary that never comes, or none at all.
        foreach (var type in new[] { "multipart/form-data; boundary=nowhere", "multipart/form-data" })
        {
            var broken = new HttpRequestMessage(HttpMethod.Post, $"/incidents/{id}/photos") { Content = new ByteArrayContent(Png) };
            broken.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            broken.Headers.Authorization = GridWorkerToken;
            var answer = await _host.Http.SendAsync(broken);
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), type);
            Assert.That(await PhotoErrorsAsync(answer), Is.Not.Empty, type);
        }

        Assert.That(await PhotosAsync(id), Is.Empty);
        var timeline = (await (await GetAsync($"/incidents/{id}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("timeline");
        Assert.That(timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()), Has.None.EqualTo("photo-added"));
    }

    [Test]
    public async Task Outside_the_callers_units_a_cases_photos_do_not_exist()
    {
        var id = await FileAsync();
        var stored = await UploadAsync(id, Png, "dot.png", "image/png");
        Assert.That(stored.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var photoId = (await stored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Assert.That((await UploadAsync(id, Jpeg(1000), who: OutsiderToken)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await GetAsync($"/incidents/{id}/photos", OutsiderToken)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await GetAsync($"/incidents/{id}/photos/{photoId}", OutsiderToken)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        // An unknown case looks the same to anyone.
        Assert.That((await UploadAsync(Guid.NewGuid(), Png, "dot.png", "image/png")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await GetAsync($"/incidents/{Guid.NewGuid()}/photos", TestTokens.Bearer())).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        // The township above the case sees them.
        var township = TestTokens.Bearer("dispatcher-1", Roles.TownshipDispatcher, Demo.Township);
        var seen = await GetAsync($"/incidents/{id}/photos/{photoId}", township);
        Assert.That(seen.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await seen.Content.ReadAsByteArrayAsync(), Is.EqualTo(Png));
        Assert.That(await PhotosAsync(id), Has.Count.EqualTo(1), "the refused upload stored nothing");
    }

    [Test]
    public async Task A_seventh_photo_is_refused_but_a_repeat_of_one_of_the_six_still_answers()
    {
        var id = await FileAsync();
        var six = Enumerable.Range(0, 6).Select(_ => Jpeg(5_000)).ToList();
        foreach (var bytes in six)
            Assert.That((await UploadAsync(id, bytes)).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var seventh = await UploadAsync(id, Jpeg(5_000));
        Assert.That(seventh.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await seventh.Content.ReadAsStringAsync());
        Assert.That(await PhotoErrorsAsync(seventh), Has.Some.Contains("at most 6 photos"));
        Assert.That((await UploadAsync(id, six[2])).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await PhotosAsync(id), Has.Count.EqualTo(6));
    }
}
