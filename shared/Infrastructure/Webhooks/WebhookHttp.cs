using System.Text;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Governance.Infrastructure.Webhooks;

/// <summary>One send's request: where, what, which headers (a signature), and how to read the answer.</summary>
public sealed record WebhookRequest(string Url, string Body, IReadOnlyList<KeyValuePair<string, string>> Headers, Func<int, string, AttemptResult> Judge)
{
    public WebhookRequest(string url, string body) : this(url, body, [], AttemptResult.OfStatus) { }
}

/// <summary>
/// Posts one delivery to its receiver through a Polly pipeline: an overall time limit around
/// retries with exponential back-off (5xx, 408, 429, timeouts, connection failures) around a
/// per-attempt time limit. A refusal the judge calls final (a wrong key or signature) is not retried
/// here: it waits for the next send or for a person. The pauses are real time — they pace a network
/// peer — while when to send again is the service's clock (see <see cref="WebhookSender{TDatabase}"/>).
/// </summary>
public sealed class WebhookHttp
{
    /// <summary>How many attempts this send may make: what is left of the delivery's MaxAttempts.</summary>
    private static readonly ResiliencePropertyKey<int> AllowedAttempts = new("governance.webhooks.allowed-attempts");
    private const int LongestReply = 8 * 1024;

    private readonly HttpClient _client;
    private readonly ResiliencePipeline<AttemptResult> _pipeline;

    public WebhookHttp(HttpClient client, WebhookOptions options)
    {
        _client = client;
        var builder = new ResiliencePipelineBuilder<AttemptResult>()
            .AddTimeout(Positive(options.Timeout, TimeSpan.FromSeconds(30)));
        if (options.RetriesPerSend > 0)
            builder.AddRetry(new RetryStrategyOptions<AttemptResult>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.AttemptNumber + 1 < args.Context.Properties.GetValue(AllowedAttempts, int.MaxValue)
                    && (args.Outcome.Exception is TimeoutRejectedException || args.Outcome.Result is { Delivered: false, Retryable: true })),
                MaxRetryAttempts = options.RetriesPerSend,
                Delay = Positive(options.RetryDelay, TimeSpan.FromSeconds(1)),
                MaxDelay = TimeSpan.FromSeconds(30),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        _pipeline = builder.AddTimeout(Positive(options.AttemptTimeout, TimeSpan.FromSeconds(10))).Build();
    }

    private static TimeSpan Positive(TimeSpan value, TimeSpan otherwise) => value > TimeSpan.Zero ? value : otherwise;

    /// <summary>Sends the request; returns how many HTTP attempts it made and how the last one ended.</summary>
    public async Task<(int Attempts, AttemptResult Last)> SendAsync(WebhookRequest request, int allowedAttempts, CancellationToken ct)
    {
        var send = new Send(_client, request);
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(AllowedAttempts, Math.Max(1, allowedAttempts));
        try
        {
            var last = await _pipeline.ExecuteAsync(static (ctx, s) => s.AttemptAsync(ctx.CancellationToken), context, send);
            return (send.Attempts, last);
        }
        catch (TimeoutRejectedException ex) when (!ct.IsCancellationRequested)
        {
            return (Math.Max(1, send.Attempts), new AttemptResult(false, true, null, $"No answer within {ex.Timeout.TotalSeconds:0.#}s"));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One send's request, made again for each attempt (a request message is sent once).</summary>
    private sealed class Send(HttpClient client, WebhookRequest request)
    {
        public int Attempts;

        public async ValueTask<AttemptResult> AttemptAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref Attempts);
            using var message = new HttpRequestMessage(HttpMethod.Post, request.Url)
            {
                Content = new StringContent(request.Body, Encoding.UTF8, "application/json"),
            };
            foreach (var (name, value) in request.Headers) message.Headers.TryAddWithoutValidation(name, value);
            try
            {
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
                return request.Judge((int)response.StatusCode, await ReadStartAsync(response.Content, ct));
            }
            catch (HttpRequestException ex) when (ex.InnerException is WebhookDestinationRefusedException refused)
            {
                // Not a receiver that is away: trying again at once would be refused again.
                return new AttemptResult(false, false, null, AttemptResult.Bound(refused.Message));
            }
            catch (HttpRequestException ex)
            {
                // Refused, reset, name not resolved: the receiver may be back in a moment.
                return new AttemptResult(false, true, null, AttemptResult.Bound(ex.Message));
            }
        }

        /// <summary>Enough of the answer to read a robot's errcode or show an error; never a whole large page.</summary>
        private static async Task<string> ReadStartAsync(HttpContent content, CancellationToken ct)
        {
            await using var stream = await content.ReadAsStreamAsync(ct);
            var buffer = new byte[LongestReply];
            var read = 0;
            while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is var n and > 0) read += n;
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
    }
}
