using Governance.Grids.Handling;
using Governance.Infrastructure.Hosting;
using NUnit.Framework;

namespace Governance.UnitTests.Grids;

/// <summary>What a password must be (等保 2.0: long enough, of three kinds, not the account) and the one-time
/// passwords an administrator hands on, which must always pass and read out without look-alikes.</summary>
[TestFixture]
public sealed class PasswordRulesTests
{
    [TestCase("Gao-shan-2027")]
    [TestCase("Tian-Ma-88")]
    [TestCase("村口大树-2027a")]
    [TestCase("Wangfujing-Night-7", TestName = "a passphrase holding a surname among words of its own")]
    [TestCase("Tangerine-Violin-Harbor-1987")]
    [TestCase("kX9#vQ2!mZ7@pL4")]
    [TestCase("County-admin-2027", TestName = "two common words make a phrase")]
    public void A_long_enough_mix_of_three_kinds_is_accepted(string password) =>
        Assert.That(PasswordRules.Check(new FieldErrors(), "newPassword", password, "grid-worker-7").Any, Is.False);

    [TestCase(null, TestName = "missing")]
    [TestCase("Ab1-", TestName = "too short")]
    [TestCase("abcdefghijkl", TestName = "one kind")]
    [TestCase("abcdefgh1234", TestName = "two kinds")]
    [TestCase("Xy1-grid-worker-7", TestName = "holds the account")]
    [TestCase("Xy1-GRID-WORKER-7", TestName = "holds the account in capitals")]
    [TestCase("Ab1-\u0001defgh", TestName = "a control character")]
    [TestCase("Admin@123", TestName = "a default account's word")]
    [TestCase("Abc12345", TestName = "a keyboard run")]
    [TestCase("1qaz@WSX", TestName = "a keyboard run in columns")]
    [TestCase("P@ssw0rd!", TestName = "password spelt with symbols")]
    [TestCase("Aa123456", TestName = "too few different letters")]
    [TestCase("Wanggeyuan#1", TestName = "this system's own word")]
    [TestCase("Adm1n@123", TestName = "a word with digits for letters")]
    [TestCase("@dmin123", TestName = "a word with a symbol for its first letter")]
    [TestCase("Pa$$w0rd", TestName = "password with symbols for letters")]
    [TestCase("Welc0me1!", TestName = "welcome with a zero")]
    [TestCase("Administrat0r!", TestName = "administrator with a zero")]
    [TestCase("Zxcvbnm1!", TestName = "a long keyboard run")]
    [TestCase("Asdfghjkl1!", TestName = "a keyboard run with letters after it")]
    [TestCase("Rootroot1!", TestName = "a word twice")]
    [TestCase("Lenovo@123", TestName = "a vendor's default")]
    [TestCase("Zhangsan123!", TestName = "the everyman's name")]
    [TestCase("Wang@12345", TestName = "a surname")]
    [TestCase("Gly@123456", TestName = "the administrator's initials")]
    [TestCase("Shifanxian@1", TestName = "the demo county's name")]
    public void Others_are_refused_naming_the_field(string? password)
    {
        var errors = PasswordRules.Check(new FieldErrors(), "newPassword", password, "grid-worker-7");
        Assert.That(errors.Has("newPassword"), Is.True, errors.ToString());
    }

    [Test]
    public void A_password_of_more_than_128_characters_is_refused_before_anyone_hashes_it() =>
        Assert.That(PasswordRules.Check(new FieldErrors(), "newPassword", "Ab1-" + new string('x', 125), "a").Has("newPassword"), Is.True);

    [Test]
    public void The_new_password_must_differ_from_the_current_one() =>
        Assert.That(PasswordRules.Check(new FieldErrors(), "newPassword", "Gao-shan-2027", "a", current: "Gao-shan-2027").Has("newPassword"), Is.True);

    [Test]
    public void One_time_passwords_always_pass_and_have_no_look_alike_characters()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 2000; i++)
        {
            var password = PasswordRules.OneTime();
            Assert.That(PasswordRules.Check(new FieldErrors(), "password", password, "x-account").Any, Is.False, password);
            Assert.That(password.IndexOfAny(['0', 'O', 'o', '1', 'l', 'I']), Is.EqualTo(-1), password);
            seen.Add(password);
        }
        Assert.That(seen, Has.Count.EqualTo(2000), "random each time");
    }

    [Test]
    public void A_hash_verifies_its_password_only_and_an_absent_hash_never_verifies()
    {
        var hash = PasswordHashing.Hash("Gao-shan-2027");
        Assert.That(hash, Does.Not.Contain("Gao-shan-2027"));
        Assert.That(PasswordHashing.Verify(hash, "Gao-shan-2027").Matches, Is.True);
        Assert.That(PasswordHashing.Verify(hash, "Gao-shan-2028").Matches, Is.False);
        Assert.That(PasswordHashing.Verify(null, "Gao-shan-2027").Matches, Is.False);
    }
}
