using System.Net;
using System.Security.Cryptography;
using System.Text;
using Governance.Dispatch.Apis;
using Governance.Dispatch.Notices;
using NUnit.Framework;

namespace Governance.UnitTests.Dispatch;

/// <summary>Signing for DingTalk, judging a robot's answer, and when a failed notice is tried again.</summary>
[TestFixture]
public class NoticeDeliveryRulesTests
{
    [Test]
    public void DingTalk_sign_is_base64_HMAC_SHA256_of_timestamp_newline_secret()
    {
        // Computed independently (Python hmac/hashlib) for timestamp 1700000000000 and this secret.
        Assert.That(DingTalkSignature.Sign(1700000000000, "SEC0123456789abcdef"), Is.EqualTo("TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk="));
    }

    [Test]
    public void The_signed_url_carries_timestamp_and_url_encoded_sign()
    {
        var url = DingTalkSignature.SignUrl("https://oapi.dingtalk.com/robot/send?access_token=abc", 1700000000000, "SEC0123456789abcdef");
        Assert.That(url, Is.EqualTo("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D"));
        Assert.That(DingTalkSignature.SignUrl("http://127.0.0.1:9/hook", 1, "s"), Does.StartWith("http://127.0.0.1:9/hook?timestamp=1&sign="));
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s"), Encoding.UTF8.GetBytes("1\ns")));
        Assert.That(WebUtility.UrlDecode(url.Split("&sign=")[1]), Is.EqualTo("TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk="));
        Assert.That(DingTalkSignature.Sign(1, "s"), Is.EqualTo(expected));
    }

    [TestCase(NoticeChannel.WeCom, """{"errcode":0,"errmsg":"ok"}""", true)]
    [TestCase(NoticeChannel.WeCom, """{"errcode":93000,"errmsg":"invalid webhook url"}""", false)]
    [TestCase(NoticeChannel.DingTalk, """{"errcode":310000,"errmsg":"sign not match"}""", false)]
    [TestCase(NoticeChannel.DingTalk, "", true)]
    [TestCase(NoticeChannel.Webhook, """{"errcode":1}""", true)]
    public void A_robot_that_answers_200_with_a_nonzero_errcode_refused_the_message(NoticeChannel channel, string body, bool delivered)
    {
        var result = RobotReply.Judge(channel, 200, body);
        Assert.That(result.Delivered, Is.EqualTo(delivered));
        Assert.That(result.StatusCode, Is.EqualTo(200));
        if (!delivered)
        {
            Assert.That(result.Retryable, Is.False, "a wrong key or signature does not heal in a second");
            Assert.That(result.Error, Does.StartWith("errcode "));
        }
    }

    [TestCase(500, true)]
    [TestCase(503, true)]
    [TestCase(408, true)]
    [TestCase(429, true)]
    [TestCase(404, false)]
    [TestCase(400, false)]
    [TestCase(302, false)]
    public void Busy_or_broken_receivers_are_retried_wrong_requests_are_not(int status, bool retryable)
    {
        var result = RobotReply.Judge(NoticeChannel.Webhook, status, "down for maintenance");
        Assert.That((result.Delivered, result.Retryable, result.StatusCode), Is.EqualTo((false, retryable, (int?)status)));
        Assert.That(result.Error, Is.EqualTo($"HTTP {status}: down for maintenance"));
    }

    [Test]
    public void A_failed_notice_waits_longer_after_each_send_but_never_more_than_an_hour()
    {
        var options = new NoticeOptions { RetryAfter = TimeSpan.FromSeconds(15) };
        Assert.That(options.WaitAfter(1), Is.EqualTo(TimeSpan.FromSeconds(15)));
        Assert.That(options.WaitAfter(3), Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(options.WaitAfter(6), Is.EqualTo(TimeSpan.FromMinutes(8)));
        Assert.That(options.WaitAfter(40), Is.EqualTo(TimeSpan.FromHours(1)));
    }
}
