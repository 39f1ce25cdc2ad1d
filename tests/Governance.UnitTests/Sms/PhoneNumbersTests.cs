using Governance.Incidents.Handling;
using Governance.Infrastructure.Sms;
using Microsoft.Extensions.Options;
using NUnit.Framework;

namespace Governance.UnitTests.Sms;

public sealed class PhoneNumbersTests
{
    [TestCase("13812345678", "13812345678")]
    [TestCase("138 1234 5678", "13812345678")]
    [TestCase("+86 138-1234-5678", "13812345678")]
    [TestCase("023-6789 1234", null)]      // a landline: one number, but no text reaches it
    [TestCase("+1 415 555 0100", null)]   // abroad
    [TestCase("12812345678", null)]       // no mainland mobile starts 12
    [TestCase("13812345678,13912345678", null)]
    [TestCase("13812345678;13912345678", null)]
    [TestCase("1381234567８", null)]      // a full-width digit
    public void A_text_goes_only_to_one_mainland_mobile_number(string written, string? mobile) =>
        Assert.That(PhoneNumbers.MobileForText(written), Is.EqualTo(mobile));

    [TestCase("023-67891234", true)]
    [TestCase("(023) 6789 1234", true)]
    [TestCase("13812345678,13912345678", false)]
    [TestCase("abc<script>", false)]
    [TestCase("123", false)]
    [TestCase("--------", false)]
    public void A_callers_phone_is_one_number(string written, bool one) =>
        Assert.That(PhoneNumbers.IsOneNumber(written), Is.EqualTo(one));

    [TestCase("demo-outbox", "/return-visit#", true)]
    [TestCase("demo-outbox", "/return-visit", false)]
    [TestCase("off", "/return-visit#", true)]
    [TestCase("http", "/return-visit#", false)]
    [TestCase("http", "http://127.0.0.1:5080/return-visit#", false)]
    [TestCase("http", "https://localhost/return-visit#", false)]
    [TestCase("http", "https://12345.example.gov.cn/return-visit", false)]
    [TestCase("http", "https://12345.example.gov.cn/return-visit#", true)]
    public void The_link_base_is_a_fragment_and_a_real_address_when_texts_leave(string gateway, string linkBase, bool valid)
    {
        var validator = new ReturnVisitOptionsValidator(Options.Create(new SmsOptions { Gateway = gateway }));
        var result = validator.Validate(null, new ReturnVisitOptions { LinkBase = linkBase });
        Assert.That(result.Succeeded, Is.EqualTo(valid), result.FailureMessage);
    }
}
