using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Governance.Contracts;
using Governance.Dispatch.Data;
using Governance.Dispatch.Deadlines;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;
using MassTransit;
using Microsoft.Extensions.Time.Testing;

namespace Governance.IntegrationTests.Notices;

/// <summary>
/// Notices pushed by category, grade and tier (分级分类推送) to a real HTTP receiver on loopback,
/// standing in for WeCom and DingTalk group robots and plain webhooks (standalone mode, fake clock).
/// Each test subscribes with its own category, so cases and clock moves of the others do not reach it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class NoticeTests : StandaloneFixture
{
    private NoticeReceiver _receiver = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero)); // a Monday, 09:00 in China
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    protected override TimeProvider Time => _time;

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Dispatch:Notices:SendInterval"] = "00:00:00.050",
        ["Dispatch:Notices:RetriesPerSend"] = "2",       // three attempts per send
        ["Dispatch:Notices:RetryDelay"] = "00:00:00.020",
        ["Dispatch:Notices:MaxAttempts"] = "6",          // two sends, then failed
        ["Dispatch:Notices:RetryAfter"] = "00:00:30",
        ["Dispatch:Notices:AllowLoopback"] = "true",     // the receiver is on 127.0.0.1 (refused by default)
    };

    [OneTimeSetUp]
    public async Task StartReceiverAsync() => _receiver = await NoticeReceiver.StartAsync();

    [OneTimeTearDown]
    public async Task StopReceiverAsync() => await _receiver.DisposeAsync();

    private async Task<Guid> SubscribeAsync(object rule)
    {
        var response = await Http.PostAsJsonAsync("/dispatch/notices/subscriptions", rule, "county-admin");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<List<JsonElement>> DeliveriesAsync(Guid subscriptionId) =>
        (await Http.GetFromJsonAsync<List<JsonElement>>($"/dispatch/notices/deliveries?subscriptionId={subscriptionId}"))!;

    private Task<List<JsonElement>> WaitForDeliveriesAsync(Guid subscriptionId, Func<List<JsonElement>, bool> done, string what) =>
        Eventually.GetAsync<List<JsonElement>>(async () => await DeliveriesAsync(subscriptionId), done, Limit, what);

    private async Task<JsonElement> WaitForDeliveryAsync(Guid subscriptionId, Func<JsonElement, bool> done, string what) =>
        (await WaitForDeliveriesAsync(subscriptionId, list => list.Count == 1 && done(list[0]), what))[0];

    private static Task WaitForRequestsAsync(Hook hook, int count, string what) =>
        Eventually.GetAsync(() => Task.FromResult<int?>(hook.Requests.Count), n => n >= count, Limit, what);

    private async Task<IncidentJson> FileAndRouteAsync(string category, string grade)
    {
        var filed = await Host.FileAsync(Demo.Courtyard, category, grade);
        return await Eventually.GetAsync(() => Host.IncidentAsync(filed.Id), i => i.Status == "assigned", Limit, "routing");
    }

    private async Task AcceptAsync(Guid id)
    {
        var accept = await Http.PostAsJsonAsync($"/incidents/{id}/accept", null, "village-handler");
        Assert.That(accept.StatusCode, Is.EqualTo(HttpStatusCode.OK), await accept.Content.ReadAsStringAsync());
        await Eventually.GetAsync(async () => (await Http.GetFromJsonAsync<JsonElement>($"/dispatch/assignments/{id}"))
            .GetProperty("assignment").GetProperty("acceptedAt").ValueKind == JsonValueKind.String ? "yes" : null,
            _ => true, Limit, "Dispatch to record the acknowledgement");
    }

    private async Task SweepAfterAsync(TimeSpan elapsed)
    {
        _time.Advance(elapsed);
        await Host.Get<DeadlineSweeper>().SweepAsync();
    }

    [Test]
    public async Task A_work_safety_escalation_from_the_township_reaches_its_WeCom_group_exactly_once()
    {
        var (wecom, wecomUrl) = _receiver.NewHook("?key=wecom-test-key");
        var (otherTownship, otherTownshipUrl) = _receiver.NewHook();
        var (villageTier, villageTierUrl) = _receiver.NewHook();
        var wanted = await SubscribeAsync(new
        {
            name = "龙白镇安全生产群", categories = new[] { "work-safety" }, tiers = new[] { "county" }, unitCodePrefix = "500101001",
            events = new[] { "escalated" }, channel = "wecom", url = wecomUrl,
        });
        var elsewhere = await SubscribeAsync(new
        {
            name = "另一个镇", categories = new[] { "work-safety" }, unitCodePrefix = "500101002", events = new[] { "escalated" },
            channel = "webhook", url = otherTownshipUrl,
        });
        var village = await SubscribeAsync(new
        {
            name = "村级升级", categories = new[] { "work-safety" }, tiers = new[] { "village" }, events = new[] { "escalated" },
            channel = "webhook", url = villageTierUrl,
        });

        var routed = await FileAndRouteAsync("work-safety", "IV"); // a hazard: the township's 安监站, 7 days, escalate when late
        Assert.That(routed.Tier, Is.EqualTo("township"));
        await AcceptAsync(routed.Id);
        await SweepAfterAsync(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1)); // the township's 7 days pass

        var delivery = await WaitForDeliveryAsync(wanted, d => d.GetProperty("status").GetString() == "sent", "the WeCom notice to be sent");
        Assert.That(delivery.GetProperty("kind").GetString(), Is.EqualTo("escalated"));
        Assert.That(delivery.GetProperty("attempts").GetInt32(), Is.EqualTo(1));
        await WaitForRequestsAsync(wecom, 1, "the robot to receive it");
        var request = wecom.Requests.Single();
        Assert.That(request.Query["key"], Is.EqualTo("wecom-test-key"));
        Assert.That(request.Json.GetProperty("msgtype").GetString(), Is.EqualTo("markdown"));
        var content = request.Json.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.That(content, Does.StartWith("**【升级】安全生产 · 一般(IV) · 镇级→县级 · 办理时限已过未办结，升级至县级**"));
        Assert.That(content, Does.Contain($"案件编号：{routed.Id}").And.Contain($"（{Demo.County}）").And.Contain("办理时限："));

        // The deliveries of one event are written together: the others were not matched, not merely late.
        Assert.That(await DeliveriesAsync(elsewhere), Is.Empty, "a township the case is not in");
        Assert.That(await DeliveriesAsync(village), Is.Empty, "a tier the case did not reach");
        Assert.That(otherTownship.Requests, Is.Empty);
        Assert.That(villageTier.Requests, Is.Empty);

        await Host.Get<DeadlineSweeper>().SweepAsync();
        Assert.That(await DeliveriesAsync(wanted), Has.Count.EqualTo(1));
        Assert.That(wecom.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_DingTalk_robot_with_a_secret_gets_a_signed_URL_that_verifies()
    {
        const string secret = "SECb7d3c0f1e2a4958677aa";
        var (dingtalk, url) = _receiver.NewHook("?access_token=dingtalk-test-token");
        var subscription = await SubscribeAsync(new
        {
            name = "民生服务钉钉群", categories = new[] { "livelihood" }, events = new[] { "routed" }, channel = "dingtalk", url, secret,
        });
        var shown = await Http.GetStringAsync($"/dispatch/notices/subscriptions/{subscription}");
        Assert.That(shown, Does.Not.Contain(secret).And.Not.Contain("dingtalk-test-token"), "credentials are never shown whole");
        Assert.That(JsonDocument.Parse(shown).RootElement.GetProperty("hasSecret").GetBoolean(), Is.True);

        var routed = await FileAndRouteAsync("livelihood", "IV");
        await WaitForRequestsAsync(dingtalk, 1, "the DingTalk notice");
        var request = dingtalk.Requests.Single();
        Assert.That(request.Query["access_token"], Is.EqualTo("dingtalk-test-token"));
        var timestamp = request.Query["timestamp"];
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{secret}")));
        Assert.That(request.Query["sign"], Is.EqualTo(expected));
        Assert.That(long.Parse(timestamp), Is.EqualTo(_time.GetUtcNow().ToUnixTimeMilliseconds()).Within(60_000), "signed with the service's clock");

        Assert.That(request.Json.GetProperty("msgtype").GetString(), Is.EqualTo("markdown"));
        var markdown = request.Json.GetProperty("markdown");
        Assert.That(markdown.GetProperty("title").GetString(), Does.StartWith("【新案件】民生服务 · 一般(IV) · 院落/网格级"));
        Assert.That(markdown.GetProperty("text").GetString(), Does.Contain(routed.Id.ToString()));
    }

    [Test]
    public async Task A_yellow_card_and_then_a_red_card_each_produce_a_notice()
    {
        var (webhook, url) = _receiver.NewHook();
        await SubscribeAsync(new { name = "矛盾纠纷红黄牌", categories = new[] { "dispute" }, events = new[] { "yellow", "red" }, channel = "webhook", url });
        var routed = await FileAndRouteAsync("dispute", "IV"); // village mediation: 3 days
        await AcceptAsync(routed.Id);

        await SweepAfterAsync(TimeSpan.FromDays(2.25) + TimeSpan.FromMinutes(1));
        await WaitForRequestsAsync(webhook, 1, "the yellow card notice");
        var yellow = webhook.Requests.Single().Json;
        Assert.That(yellow.GetProperty("title").GetString(), Is.EqualTo("【黄牌】矛盾纠纷 · 一般(IV) · 村级 · 办理时限即将到期"));
        Assert.That(yellow.GetProperty("event").GetProperty("kind").GetString(), Is.EqualTo("yellow"));
        Assert.That(yellow.GetProperty("event").GetProperty("incidentId").GetGuid(), Is.EqualTo(routed.Id));
        Assert.That(yellow.GetProperty("text").GetString(), Does.Contain("办理时限："));

        await SweepAfterAsync(TimeSpan.FromDays(0.75));
        await WaitForRequestsAsync(webhook, 2, "the red card notice");
        var red = webhook.Requests.Last().Json;
        // An ordinary matter stays with the village and is flagged to the township (supervise).
        Assert.That(red.GetProperty("title").GetString(), Is.EqualTo("【红牌】矛盾纠纷 · 一般(IV) · 村级 · 已超期，超期预警至镇级"));
        Assert.That(red.GetProperty("event").GetProperty("kind").GetString(), Is.EqualTo("red"));
    }

    [Test]
    public async Task A_receiver_that_fails_twice_gets_the_notice_on_the_third_attempt()
    {
        var (webhook, url) = _receiver.NewHook();
        webhook.FailFirst = 2;
        var subscription = await SubscribeAsync(new { name = "环境卫生", categories = new[] { "environment" }, events = new[] { "routed" }, channel = "webhook", url });
        await FileAndRouteAsync("environment", "III");

        var delivery = await WaitForDeliveryAsync(subscription, d => d.GetProperty("status").GetString() == "sent", "the notice to get through");
        Assert.That(delivery.GetProperty("attempts").GetInt32(), Is.EqualTo(3));
        Assert.That(delivery.GetProperty("lastStatusCode").GetInt32(), Is.EqualTo(200));
        Assert.That(delivery.GetProperty("lastError").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(delivery.GetProperty("sentAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(webhook.Requests, Has.Count.EqualTo(3));
        Assert.That(webhook.Requests.Select(r => r.Body).Distinct().Count(), Is.EqualTo(1), "every attempt carries the same notice");
    }

    [Test]
    public async Task A_receiver_that_always_fails_ends_failed_and_visible_and_a_retry_sends_it_again()
    {
        var (webhook, url) = _receiver.NewHook();
        webhook.AlwaysFail = true;
        webhook.FailStatus = 503;
        var subscription = await SubscribeAsync(new { name = "公共设施", categories = new[] { "facilities" }, events = new[] { "routed" }, channel = "webhook", url });
        await FileAndRouteAsync("facilities", "III");

        var waiting = await WaitForDeliveryAsync(subscription, d => d.GetProperty("attempts").GetInt32() == 3, "the first send's three attempts");
        Assert.That(waiting.GetProperty("status").GetString(), Is.EqualTo("pending"));
        Assert.That(waiting.GetProperty("lastStatusCode").GetInt32(), Is.EqualTo(503));
        Assert.That(waiting.GetProperty("nextAttemptAt").GetDateTimeOffset(), Is.GreaterThan(_time.GetUtcNow()), "it waits before the next send");

        _time.Advance(TimeSpan.FromHours(1));
        var failed = await WaitForDeliveryAsync(subscription, d => d.GetProperty("status").GetString() == "failed", "the delivery to fail");
        Assert.That(failed.GetProperty("attempts").GetInt32(), Is.EqualTo(6));
        Assert.That(failed.GetProperty("lastStatusCode").GetInt32(), Is.EqualTo(503));
        Assert.That(failed.GetProperty("lastError").GetString(), Does.StartWith("HTTP 503"));
        Assert.That(failed.GetProperty("failedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(webhook.Requests, Has.Count.EqualTo(6));
        var id = failed.GetProperty("id").GetGuid();
        var listed = await Http.GetFromJsonAsync<List<JsonElement>>("/dispatch/notices/deliveries?status=failed&limit=1000");
        Assert.That(listed!.Select(d => d.GetProperty("id").GetGuid()), Does.Contain(id));
        Assert.That(listed!.Single(d => d.GetProperty("id").GetGuid() == id).GetProperty("subscriptionName").GetString(), Is.EqualTo("公共设施"));

        webhook.AlwaysFail = false; // the receiver was fixed
        var retry = await Http.PostAsJsonAsync($"/dispatch/notices/deliveries/{id}/retry", null, "county-admin");
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.OK), await retry.Content.ReadAsStringAsync());
        var sent = await WaitForDeliveryAsync(subscription, d => d.GetProperty("status").GetString() == "sent", "the retried notice");
        Assert.That(sent.GetProperty("attempts").GetInt32(), Is.EqualTo(1), "a retry starts a fresh set of attempts");
        Assert.That(webhook.Requests, Has.Count.EqualTo(7));

        var again = await Http.PostAsJsonAsync($"/dispatch/notices/deliveries/{id}/retry", null, "county-admin");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a sent notice arrived; it is not sent twice");
        var missing = await Http.PostAsJsonAsync($"/dispatch/notices/deliveries/{Guid.NewGuid()}/retry", null, "county-admin");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_WeCom_robot_that_answers_200_with_an_errcode_refused_the_notice()
    {
        var (wecom, url) = _receiver.NewHook("?key=revoked-key");
        wecom.Reply = """{"errcode":93000,"errmsg":"invalid webhook url"}""";
        var subscription = await SubscribeAsync(new { name = "政策咨询", categories = new[] { "consultation" }, events = new[] { "routed" }, channel = "wecom", url });
        await FileAndRouteAsync("consultation", "IV");

        var refused = await WaitForDeliveryAsync(subscription, d => d.GetProperty("attempts").GetInt32() >= 1, "the first send");
        Assert.That(refused.GetProperty("status").GetString(), Is.EqualTo("pending"), "not sent: the robot said no");
        Assert.That(refused.GetProperty("lastStatusCode").GetInt32(), Is.EqualTo(200));
        Assert.That(refused.GetProperty("lastError").GetString(), Is.EqualTo("errcode 93000: invalid webhook url"));
        Assert.That(refused.GetProperty("attempts").GetInt32(), Is.EqualTo(1), "a refusal is not hammered within one send");
    }

    [Test]
    public async Task The_same_escalation_announced_twice_notifies_once()
    {
        var (webhook, url) = _receiver.NewHook();
        var subscription = await SubscribeAsync(new { name = "社会治安", categories = new[] { "public-security" }, events = new[] { "escalated" }, channel = "webhook", url });
        var routed = await FileAndRouteAsync("public-security", "III");
        var escalate = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/escalate", new { reason = "涉及多村" }, "village-handler");
        Assert.That(escalate.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await WaitForDeliveryAsync(subscription, d => d.GetProperty("status").GetString() == "sent", "the escalation notice");

        // The same move published again under a new message id: the inbox does not know it, the event key does.
        var view = await Http.GetFromJsonAsync<JsonElement>($"/dispatch/assignments/{routed.Id}");
        var assignment = view.GetProperty("assignment");
        var escalation = view.GetProperty("escalations")[0];
        var repeat = new IncidentEscalated(routed.Id, assignment.GetProperty("sequence").GetInt32(), Tier.Village, Tier.Township,
            assignment.GetProperty("unitCode").GetString()!, assignment.GetProperty("dueAt").GetDateTimeOffset(),
            EscalationReason.HandlerRequested, escalation.GetProperty("note").GetString(), escalation.GetProperty("at").GetDateTimeOffset());
        var messageId = NewId.NextGuid();
        await Host.Get<IBus>().Publish(repeat, context => context.MessageId = messageId);
        await Eventually.GetAsync(async () =>
        {
            await using var c = await Host.Get<DispatchDatabase>().OpenAsync();
            return (long?)await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbox_messages WHERE message_id = @messageId AND consumer = 'EscalatedNoticeConsumer'", new { messageId });
        }, n => n == 1, Limit, "Dispatch to consume the repeat");

        Assert.That(await DeliveriesAsync(subscription), Has.Count.EqualTo(1));
        Assert.That(webhook.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Subscriptions_are_created_changed_and_deleted_and_bad_input_names_the_field()
    {
        var bad = await Http.PostAsJsonAsync("/dispatch/notices/subscriptions", new
        {
            name = "", categories = new[] { "dispute", "noise" }, grades = new[] { "V" }, tiers = new[] { "province" }, unitCodePrefix = "5001-01",
            events = Array.Empty<string>(), channel = "slack", url = "ftp://example.com/hook",
        }, "county-admin");
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(errors, Is.EquivalentTo(new[] { "name", "categories[1]", "grades[0]", "tiers[0]", "unitCodePrefix", "events", "channel", "url" }));

        var relative = await Http.PostAsJsonAsync("/dispatch/notices/subscriptions",
            new { name = "x", events = new[] { "red" }, channel = "webhook", url = "/hooks/x" }, "county-admin");
        Assert.That(await relative.Content.ReadAsStringAsync(), Does.Contain("\"url\""));
        var secretForWeCom = await Http.PostAsJsonAsync("/dispatch/notices/subscriptions",
            new { name = "x", events = new[] { "red" }, channel = "wecom", url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", secret = "SECx" }, "county-admin");
        Assert.That(secretForWeCom.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await secretForWeCom.Content.ReadAsStringAsync(), Does.Contain("\"secret\""));
        var badStatus = await Http.GetAsync("/dispatch/notices/deliveries?status=lost");
        Assert.That(badStatus.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await badStatus.Content.ReadAsStringAsync(), Does.Contain("\"status\""));

        var id = await SubscribeAsync(new
        {
            name = "县应急局", grades = new[] { "II", "I" }, events = new[] { "routed", "red" }, channel = "dingtalk",
            url = "https://oapi.dingtalk.com/robot/send?access_token=abcdef123456", secret = "SECabc",
        });
        var put = await Http.PutAsJsonAsync($"/dispatch/notices/subscriptions/{id}", new
        {
            name = "县应急管理局值班群", grades = new[] { "I" }, events = new[] { "red" }, channel = "dingtalk", enabled = false,
        });
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        var changed = await Http.GetFromJsonAsync<JsonElement>($"/dispatch/notices/subscriptions/{id}");
        Assert.That(changed.GetProperty("name").GetString(), Is.EqualTo("县应急管理局值班群"));
        Assert.That(changed.GetProperty("grades").EnumerateArray().Select(g => g.GetString()), Is.EqualTo(new[] { "I" }));
        Assert.That(changed.GetProperty("enabled").GetBoolean(), Is.False);
        Assert.That(changed.GetProperty("url").GetString(), Is.EqualTo("https://oapi.dingtalk.com/robot/send?access_token=abcd…"), "the URL left out is kept");
        Assert.That(changed.GetProperty("hasSecret").GetBoolean(), Is.True, "the secret left out is kept");
        Assert.That(changed.GetProperty("updatedBy").GetString(), Is.Not.Empty);

        // The county configures them: a township dispatcher may neither write nor read them.
        var asTownship = new HttpRequestMessage(HttpMethod.Post, "/dispatch/notices/subscriptions")
        {
            Content = JsonContent.Create(new { name = "x", events = new[] { "red" }, channel = "webhook", url = "http://127.0.0.1:9/x" }),
        };
        asTownship.Headers.Authorization = TestTokens.Bearer("township-dispatcher", Roles.TownshipDispatcher, Demo.Township);
        Assert.That((await Http.SendAsync(asTownship)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var readAsTownship = new HttpRequestMessage(HttpMethod.Get, "/dispatch/notices/deliveries?status=failed");
        readAsTownship.Headers.Authorization = TestTokens.Bearer("township-dispatcher", Roles.TownshipDispatcher, Demo.Township);
        Assert.That((await Http.SendAsync(readAsTownship)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var all = await Http.GetFromJsonAsync<List<JsonElement>>("/dispatch/notices/subscriptions");
        Assert.That(all!.Select(s => s.GetProperty("id").GetGuid()), Does.Contain(id));
        Assert.That((await Http.DeleteAsync($"/dispatch/notices/subscriptions/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await Http.GetAsync($"/dispatch/notices/subscriptions/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Http.DeleteAsync($"/dispatch/notices/subscriptions/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Http.PutAsJsonAsync($"/dispatch/notices/subscriptions/{id}", new { name = "x", events = new[] { "red" }, channel = "webhook" }))
            .StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
