using System.Security.Cryptography;
using Governance.Infrastructure.Security;
using Microsoft.Extensions.Options;
using NUnit.Framework;

namespace Governance.UnitTests.Security;

/// <summary>Residents' contacts sealed at rest (AES-256-GCM): readable with the key and the row they belong
/// to, not after a change, in another row, or once their key is dropped; old keys keep opening after a rotation.</summary>
[TestFixture]
public class PersonalDataSealerTests
{
    private static readonly string KeyOne = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string KeyTwo = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    private static PersonalDataSealer Sealer(string current, params (string Id, string Key)[] keys) =>
        new(Options.Create(new PersonalDataOptions { CurrentKeyId = current, Keys = keys.ToDictionary(k => k.Id, k => k.Key) }));

    [Test]
    public void A_sealed_value_opens_in_its_row_and_shows_nothing_of_the_text()
    {
        var sealer = Sealer("k1", ("k1", KeyOne));
        var sealedValue = sealer.Seal("王建国 13912345678", "case-1");
        Assert.That(sealedValue, Does.StartWith("pd1:k1:").And.Not.Contain("139"));
        Assert.That(sealer.Open(sealedValue, "case-1"), Is.EqualTo("王建国 13912345678"));
        Assert.That(sealer.Seal("王建国 13912345678", "case-1"), Is.Not.EqualTo(sealedValue), "a fresh nonce every time");
    }

    [Test]
    public void A_changed_value_or_one_copied_into_another_row_does_not_open()
    {
        var sealer = Sealer("k1", ("k1", KeyOne));
        var sealedValue = sealer.Seal("13912345678", "case-1");
        Assert.Throws<AuthenticationTagMismatchException>(() => sealer.Open(sealedValue, "case-2"));
        var bytes = Convert.FromBase64String(sealedValue["pd1:k1:".Length..]);
        bytes[14] ^= 1;
        Assert.Throws<AuthenticationTagMismatchException>(() => sealer.Open("pd1:k1:" + Convert.ToBase64String(bytes), "case-1"));
        Assert.Throws<CryptographicException>(() => sealer.Open("13912345678", "case-1"));
    }

    [Test]
    public void After_a_rotation_new_values_take_the_new_key_and_old_ones_open_while_their_key_is_listed()
    {
        var old = Sealer("k1", ("k1", KeyOne)).Seal("13912345678", "case-1");
        var rotated = Sealer("k2", ("k1", KeyOne), ("k2", KeyTwo));
        Assert.That(rotated.Open(old, "case-1"), Is.EqualTo("13912345678"));
        Assert.That(PersonalDataSealer.KeyIdOf(rotated.Seal("x", "case-1")), Is.EqualTo("k2"));
        var dropped = Sealer("k2", ("k2", KeyTwo));
        Assert.That(() => dropped.Open(old, "case-1"), Throws.InstanceOf<CryptographicException>().With.Message.Contains("'k1'"));
    }

    [TestCase(null, "PersonalData:CurrentKeyId is not set")]
    [TestCase("k9", "PersonalData:CurrentKeyId 'k9' is not among PersonalData:Keys.")]
    public void Settings_without_a_usable_current_key_are_refused(string? current, string message)
    {
        var result = new PersonalDataOptionsValidator().Validate(null,
            new PersonalDataOptions { CurrentKeyId = current, Keys = new() { ["k1"] = KeyOne } });
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain(message));
    }

    [Test]
    public void A_key_that_is_not_32_bytes_is_refused_and_an_emptied_key_is_not_listed()
    {
        var shortKey = new PersonalDataOptions { CurrentKeyId = "k1", Keys = new() { ["k1"] = Convert.ToBase64String(new byte[16]) } };
        Assert.That(new PersonalDataOptionsValidator().Validate(null, shortKey).FailureMessage, Does.Contain("PersonalData:Keys:k1 must be 32 bytes"));
        var blanked = new PersonalDataOptions { CurrentKeyId = "standalone-demo", Keys = new() { ["standalone-demo"] = "", ["k1"] = KeyOne } };
        Assert.That(new PersonalDataOptionsValidator().Validate(null, blanked).FailureMessage,
            Does.Contain("PersonalData:CurrentKeyId 'standalone-demo' is not among PersonalData:Keys."));
    }

    [TestCase("13912345678", "139****5678")]
    [TestCase("12345", "*****")]
    public void Phones_are_masked_to_their_first_three_and_last_four_digits(string phone, string masked) =>
        Assert.That(Masks.Phone(phone), Is.EqualTo(masked));

    [Test]
    public void Names_and_emails_are_masked_to_their_first_letter() =>
        Assert.That((Masks.Name("王建国"), Masks.Email("wang@example.cn"), Masks.Email("a@b.c"), Masks.Email("nobody")),
            Is.EqualTo(("王**", "w***@example.cn", "a***@b.c", "******")));
}
