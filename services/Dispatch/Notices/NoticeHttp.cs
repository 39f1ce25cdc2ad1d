using System.Text;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Governance.Dispatch.Notices;

/// <summary>
/// Posts one notice to one receiver through a Polly pipeline: an overall time limit around
/// retries with exponential back-off (5xx, 408, 429, timeouts, connection failures) around a
/// per-attempt time limit. A robot's errcode refusal is not retried here: it is usually a wrong key
/// or signature, which waits for the next send or for a person. The pauses are real time — they pace
/// a network peer — while when to send again is the service's clock (see <see cref="NoticeSender"/>).
/// </summary>
public sealed class NoticeHttp
{
    public const string ClientName = "notices";

    /// <summary>How many attempts this send may make: what is left of the delivery's MaxAttempts.</summary>
    private static readonly ResiliencePropertyKey<int> AllowedAttempts = new("governance.notices.allowed-attempts");
    private const int LongestReply = 8 * 1024;

    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly NoticeOptions _options;
    private readonly ResiliencePipeline<AttemptResult> _pipeline;

    public NoticeHttp(IHttpClientFactory clients, TimeProvider time, IOptions<NoticeOptions> options)
    {
        _clients = clients;
        _time = time;
        _options = options.Value;
        var builder = new ResiliencePipelineBuilder<AttemptResult>()
            .AddTimeout(Positive(_options.Timeout, TimeSpan.FromSeconds(30)));
        if (_options.RetriesPerSend > 0)
            builder.AddRetry(new RetryStrategyOptions<AttemptResult>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.AttemptNumber + 1 < args.Context.Properties.GetValue(AllowedAttempts, int.MaxValue)
                    && (args.Outcome.Exception is TimeoutRejectedException || args.Outcome.Result is { Delivered: false, Retryable: true })),
                MaxRetryAttempts = _options.RetriesPerSend,
                Delay = Positive(_options.RetryDelay, TimeSpan.FromSeconds(1)),
                MaxDelay = TimeSpan.FromSeconds(30),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        _pipeline = builder.AddTimeout(Positive(_options.AttemptTimeout, TimeSpan.FromSeconds(10))).Build();
    }

    private static TimeSpan Positive(TimeSpan value, TimeSpan otherwise) => value > TimeSpan.Zero ? value : otherwise;

    /// <summary>Sends the notice; returns how many HTTP attempts it made and how the last one ended.</summary>
    public async Task<(int Attempts, AttemptResult Last)> SendAsync(NoticeSubscription subscription, Notice notice, int allowedAttempts, CancellationToken ct)
    {
        var url = subscription.Channel == NoticeChannel.DingTalk && !string.IsNullOrEmpty(subscription.Secret)
            ? DingTalkSignature.SignUrl(subscription.Url, _time.GetUtcNow().ToUnixTimeMilliseconds(), subscription.Secret)
            : subscription.Url;
        var send = new Send(_clients.CreateClient(ClientName), url, NoticeFormatter.Body(subscription.Channel, notice), subscription.Channel);
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
    private sealed class Send(HttpClient client, string url, string body, NoticeChannel channel)
    {
        public int Attempts;

        public async ValueTask<AttemptResult> AttemptAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref Attempts);
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                return RobotReply.Judge(channel, (int)response.StatusCode, await ReadStartAsync(response.Content, ct));
            }
            catch (HttpRequestException ex)
            {
                // Refused, reset, name not resolved: the receiver may be back in a moment.
                return new AttemptResult(false, true, null, RobotReply.Bound(ex.Message));
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
