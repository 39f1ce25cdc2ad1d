using System.Net;
using Governance.Dispatch.Notices;
using Governance.Infrastructure.Webhooks;
using NUnit.Framework;

namespace Governance.UnitTests.Dispatch;

/// <summary>Which addresses a notice may be posted to, as Dispatch:Notices sets them (WebhookDestinations).</summary>
[TestFixture]
public class WebhookDestinationsTests
{
    [TestCase("127.0.0.1", RefusedAddress.Loopback)]
    [TestCase("127.8.9.10", RefusedAddress.Loopback)]
    [TestCase("::1", RefusedAddress.Loopback)]
    [TestCase("0.0.0.0", RefusedAddress.Loopback)]
    [TestCase("169.254.169.254", RefusedAddress.LinkLocal)]
    [TestCase("169.254.0.23", RefusedAddress.LinkLocal)]
    [TestCase("fe80::1", RefusedAddress.LinkLocal)]
    [TestCase("::ffff:169.254.169.254", RefusedAddress.LinkLocal)]
    [TestCase("100.100.100.200", RefusedAddress.LinkLocal)]
    [TestCase("fd00:ec2::254", RefusedAddress.LinkLocal)]
    [TestCase("10.1.2.3", RefusedAddress.PrivateNetwork)]
    [TestCase("172.16.0.1", RefusedAddress.PrivateNetwork)]
    [TestCase("172.31.255.255", RefusedAddress.PrivateNetwork)]
    [TestCase("192.168.0.10", RefusedAddress.PrivateNetwork)]
    [TestCase("100.64.0.1", RefusedAddress.PrivateNetwork)]
    [TestCase("fd12:3456::1", RefusedAddress.PrivateNetwork)]
    [TestCase("::ffff:10.0.0.1", RefusedAddress.PrivateNetwork)]
    [TestCase("203.119.169.10", null)]
    [TestCase("172.32.0.1", null)]
    [TestCase("2408:4000::1", null)]
    public void An_address_is_of_its_kind(string address, RefusedAddress? kind) =>
        Assert.That(WebhookDestinations.Kind(IPAddress.Parse(address)), Is.EqualTo(kind));

    [Test]
    public void By_default_a_notice_may_go_to_the_intranet_but_not_to_this_machine_nor_link_local()
    {
        var rules = new NoticeOptions().Destinations;
        Assert.That(rules.RefusalOf(new Uri("http://127.0.0.1:5000/")), Is.EqualTo(RefusedAddress.Loopback));
        Assert.That(rules.RefusalOf(new Uri("http://LOCALHOST./x")), Is.EqualTo(RefusedAddress.Loopback));
        Assert.That(rules.RefusalOf(new Uri("http://[::1]/x")), Is.EqualTo(RefusedAddress.Loopback));
        Assert.That(rules.RefusalOf(new Uri("http://169.254.169.254/latest")), Is.EqualTo(RefusedAddress.LinkLocal));
        Assert.That(rules.RefusalOf(new Uri("http://192.168.1.2/robot")), Is.Null);
        Assert.That(rules.RefusalOf(new Uri("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")), Is.Null, "names are judged when resolved");
    }

    [Test]
    public void The_settings_open_this_machine_or_close_the_intranet_but_never_open_link_local()
    {
        var open = new NoticeOptions { AllowLoopback = true }.Destinations;
        Assert.That(open.RefusalOf(new Uri("http://127.0.0.1:5000/")), Is.Null);
        Assert.That(open.RefusalOf(new Uri("http://[fe80::1]/")), Is.EqualTo(RefusedAddress.LinkLocal));
        var closed = new NoticeOptions { AllowPrivateNetworks = false }.Destinations;
        Assert.That(closed.RefusalOf(new Uri("http://10.0.0.5/robot")), Is.EqualTo(RefusedAddress.PrivateNetwork));
        Assert.That(WebhookDestinations.Operators.Refusal(IPAddress.Parse("169.254.169.254")), Is.EqualTo(RefusedAddress.LinkLocal));
    }
}
