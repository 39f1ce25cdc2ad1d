using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Webhooks;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Notices;

/// <summary>
/// Where a notice may be posted (an outside probe's finding): a subscription's URL is written through the API and
/// the server calls it, so by default it may not point at this machine, at a link-local or cloud metadata address;
/// a private network is allowed unless switched off (Dispatch:Notices:AllowLoopback, AllowPrivateNetworks). A host
/// name is judged by what it resolves to when the connection is opened.
/// </summary>
[TestFixture]
public sealed class NoticeDestinationTests : StandaloneFixture
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> SubscribeAsync(string url)
    {
        using var response = await Http.PostAsJsonAsync("/dispatch/notices/subscriptions",
            new { name = "探测", events = new[] { "red" }, channel = "webhook", url }, "county-admin");
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [TestCase("http://127.0.0.1:5000/hook", "this machine")]
    [TestCase("http://localhost:15672/api", "this machine")]
    [TestCase("http://[::1]/hook", "this machine")]
    [TestCase("http://0.0.0.0:8080/", "this machine")]
    [TestCase("http://169.254.169.254/latest/meta-data/", "link-local")]
    [TestCase("http://[fe80::1]/hook", "link-local")]
    [TestCase("http://100.100.100.200/latest/meta-data/", "link-local")]
    [TestCase("http://[::ffff:169.254.169.254]/", "link-local")]
    public async Task A_url_at_this_machine_or_a_link_local_or_metadata_address_is_refused_by_name(string url, string says)
    {
        var (status, problem) = await SubscribeAsync(url);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), problem.ToString());
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "url" }));
        Assert.That(problem.GetProperty("errors").GetProperty("url")[0].GetString(), Does.Contain(says));
    }

    [TestCase("https://notice.example.cn/hook")]
    [TestCase("http://10.20.0.5:8080/robot")]
    [TestCase("http://192.168.1.20/robot")]
    public async Task A_url_on_the_internet_or_the_countys_intranet_is_taken(string url)
    {
        var (status, body) = await SubscribeAsync(url);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body.ToString());
    }

    /// <summary>The client a queue sends with, built as the Host builds it, with the given rules.</summary>
    private static WebhookHttp Sender(WebhookDestinations destinations, out ServiceProvider services)
    {
        var collection = new ServiceCollection();
        collection.AddWebhookClient("probe", "Governance-Tests/1.0", _ => destinations);
        services = collection.BuildServiceProvider();
        return new WebhookHttp(services.GetRequiredService<IHttpClientFactory>().CreateClient("probe"), new Dispatch.Notices.NoticeOptions { RetriesPerSend = 0 });
    }

    [Test]
    public async Task A_name_that_resolves_to_a_refused_address_is_not_called_and_is_called_once_allowed()
    {
        await using var receiver = await NoticeReceiver.StartAsync();
        var (hook, url) = receiver.NewHook();
        var byName = new UriBuilder(url) { Host = "localhost" }.Uri.ToString(); // a name, judged only when resolved

        var refusing = Sender(new WebhookDestinations(AllowLoopback: false, AllowPrivateNetworks: true), out var refusingServices);
        await using (refusingServices)
        {
            var (attempts, last) = await refusing.SendAsync(new WebhookRequest(byName, "{}"), 3, CancellationToken.None);
            Assert.That((attempts, last.Delivered, last.Retryable), Is.EqualTo((1, false, false)), last.Error);
            Assert.That(last.Error, Does.Contain("loopback"));
            Assert.That(hook.Requests, Is.Empty, "nothing reached the receiver");
            // A literal address is judged at the connection too (a URL written before the rule, or by another way).
            var (_, literal) = await refusing.SendAsync(new WebhookRequest(new UriBuilder(url) { Host = "[::1]" }.Uri.ToString(), "{}"), 1, CancellationToken.None);
            Assert.That(literal.Retryable, Is.False, literal.Error);
            Assert.That(literal.Error, Does.Contain("loopback"));
        }

        var allowing = Sender(new WebhookDestinations(AllowLoopback: true, AllowPrivateNetworks: true), out var allowingServices);
        await using (allowingServices)
        {
            var (_, last) = await allowing.SendAsync(new WebhookRequest(byName, "{}"), 1, CancellationToken.None);
            Assert.That(last.Delivered, Is.True, last.Error);
            Assert.That(hook.Requests, Has.Count.EqualTo(1));
        }
    }
}
