using NUnit.Framework;
using System.Text.Json;
using Governance.Infrastructure.Sms;

namespace Governance.UnitTests.Sms;

public sealed class SmsGatewayTests
{
    [Test]
    public void The_body_has_the_platforms_template_fields_with_chinese_as_text()
    {
        var message = new SmsMessage("13812345678", "SMS_1", new Dictionary<string, string> { ["link"] = "https://x.cn/return-visit#abc" }, "out-1");
        var body = message.Body("某县网格");
        var json = JsonDocument.Parse(body).RootElement;
        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "phoneNumbers", "signName", "templateCode", "templateParam", "outId" }));
        Assert.That(json.GetProperty("templateParam").GetProperty("link").GetString(), Is.EqualTo("https://x.cn/return-visit#abc"));
        Assert.That(body, Does.Contain("某县网格"));
    }

    [TestCase(200, """{"code":"OK","message":"OK"}""", true, false)]
    [TestCase(200, """{"Code":"OK","Message":"OK","BizId":"1"}""", true, false)]
    [TestCase(200, """{"code":"isv.BUSINESS_LIMIT_CONTROL","message":"触发分钟级流控"}""", false, true)]
    [TestCase(200, """{"code":"LimitExceeded.PhoneNumberDailyLimit"}""", false, true)]
    [TestCase(200, """{"code":"isv.SMS_TEMPLATE_ILLEGAL","message":"模板不合法"}""", false, false)]
    [TestCase(200, "ok", false, false)]
    [TestCase(503, "", false, true)]
    [TestCase(401, """{"code":"SignatureDoesNotMatch"}""", false, false)]
    public void The_platforms_answer_is_a_delivery_a_retry_or_a_refusal_for_a_person(int status, string body, bool delivered, bool retryable)
    {
        var result = HttpSmsGateway.Judge(status, body);
        Assert.That((result.Delivered, result.Retryable), Is.EqualTo((delivered, retryable)));
        if (!delivered) Assert.That(result.Error, Is.Not.Empty);
    }

    [Test]
    public void The_http_gateway_needs_its_address_and_a_key_and_a_gateway_of_another_name_stops_the_host()
    {
        var validator = new SmsOptionsValidator();
        Assert.That(validator.Validate(null, new SmsOptions()).Succeeded, Is.True, "the demo outbox needs nothing");
        Assert.That(validator.Validate(null, new SmsOptions { Gateway = "http" }).Failed, Is.True);
        Assert.That(validator.Validate(null, new SmsOptions { Gateway = "http", Url = "https://sms.example.cn/send", Key = "short" }).Failed, Is.True);
        Assert.That(validator.Validate(null, new SmsOptions { Gateway = "http", Url = "https://sms.example.cn/send", Key = new string('k', 16) }).Succeeded, Is.True);
        Assert.That(validator.Validate(null, new SmsOptions { Gateway = "aliyun" }).FailureMessage, Does.Contain("Sms:Gateway"));
    }

    [Test]
    public async Task The_demo_outbox_keeps_the_newest_messages_with_the_number_masked()
    {
        var outbox = new DemoSmsOutbox(Microsoft.Extensions.Options.Options.Create(new SmsOptions { DemoOutboxSize = 2 }), TimeProvider.System);
        foreach (var n in new[] { "1", "2", "3" })
        {
            var (attempts, last) = await outbox.SendAsync(new SmsMessage("13812345678", "SMS_1", new Dictionary<string, string> { ["link"] = n }, n), 3, default);
            Assert.That((attempts, last.Delivered), Is.EqualTo((1, true)));
        }
        var kept = outbox.List(10);
        Assert.That(kept.Select(m => m.OutId), Is.EqualTo(new[] { "3", "2" }));
        Assert.That(kept.Select(m => m.PhoneMasked), Is.All.EqualTo("138****5678"));
    }
}
