using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.IntegrationTests.Notices;

/// <summary>One request a hook received.</summary>
public sealed record ReceivedRequest(IReadOnlyDictionary<string, string> Query, string Body)
{
    /// <summary>The request's headers (a signature), by lower-case name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>A path on the receiver standing for one robot or webhook, told how to answer.</summary>
public sealed class Hook(string path)
{
    private int _count;

    public string Path => path;
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();
    /// <summary>Answer the first this-many requests with <see cref="FailStatus"/>.</summary>
    public int FailFirst { get; set; }
    /// <summary>Answer every request with <see cref="FailStatus"/> while set.</summary>
    public bool AlwaysFail { get; set; }
    public int FailStatus { get; set; } = 500;
    /// <summary>The body of a 200 answer: a robot's {"errcode":0} unless told otherwise.</summary>
    public string Reply { get; set; } = """{"errcode":0,"errmsg":"ok"}""";

    internal (int Status, string Body) Answer(ReceivedRequest request)
    {
        Requests.Enqueue(request);
        var n = Interlocked.Increment(ref _count);
        return AlwaysFail || n <= FailFirst ? (FailStatus, """{"error":"receiver told to fail"}""") : (200, Reply);
    }
}

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel, a free port) that records what robots and webhooks
/// would receive, and answers as it is told: success, HTTP errors, or a robot's errcode refusal.
/// </summary>
public sealed class NoticeReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Hook> _hooks = new();

    public Uri Address { get; }

    private NoticeReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public static async Task<NoticeReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        NoticeReceiver? receiver = null;
        app.MapPost("/hooks/{name}", async (string name, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var received = new ReceivedRequest(request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), await reader.ReadToEndAsync())
            {
                Headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            };
            if (receiver is null || !receiver._hooks.TryGetValue(name, out var hook)) return Results.NotFound();
            var (status, body) = hook.Answer(received);
            return Results.Content(body, "application/json", statusCode: status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new NoticeReceiver(app, new Uri(address));
        return receiver;
    }

    /// <summary>A new hook with its own path, and the URL a subscription should post to.</summary>
    public (Hook Hook, string Url) NewHook(string query = "")
    {
        var name = Guid.NewGuid().ToString("N");
        var hook = _hooks[name] = new Hook(name);
        return (hook, new Uri(Address, $"/hooks/{name}{query}").ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
