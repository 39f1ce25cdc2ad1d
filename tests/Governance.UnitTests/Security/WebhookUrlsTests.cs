using Governance.Infrastructure.Webhooks;
using NUnit.Framework;

namespace Governance.UnitTests.Security;

/// <summary>A receiver's URL as settings show it: a robot's key or a client system's credentials are never readable.</summary>
public sealed class WebhookUrlsTests
{
    [TestCase("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693axxxx-7aoc-4bc4", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a…")]
    [TestCase("http://127.0.0.1:8080/hook", "http://127.0.0.1:8080/hook")]
    [TestCase("http://bob:hunter2@hotline.example.cn:5398/cb?token=SECRETTOKEN", "http://…@hotline.example.cn:5398/cb?token=SECR…")]
    [TestCase("https://bob@hotline.example.cn", "https://…@hotline.example.cn")]
    [TestCase("https://hotline.example.cn/a@b?x=1", "https://hotline.example.cn/a@b?x=…")]
    public void Keys_and_credentials_in_a_url_are_masked_when_shown(string url, string shown) =>
        Assert.That(WebhookUrls.Mask(url), Is.EqualTo(shown));
}
