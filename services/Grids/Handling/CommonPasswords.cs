namespace Governance.Grids.Handling;

/// <summary>
/// Passwords anyone guessing tries first, though they pass the complexity rule (<see cref="PasswordRules"/>):
/// "Admin@123", "Abc12345", "1qaz@WSX", "P@ssw0rd" — a word everyone uses, dressed in digits and symbols.
/// NIST SP 800-63B asks that such passwords be refused; the outside probe of issue #18 set both of the first
/// two. A password is judged by its letters alone (any script, lower-cased, in order): what is left of it is either one of
/// the words below (the default accounts, keyboard runs, the words of this system and its places) or too
/// little to guess at (fewer than three different letters: "Aa123456", "Zz!12345").
/// </summary>
public static class CommonPasswords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        // Accounts and defaults
        "admin", "administrator", "adm", "root", "sa", "sys", "system", "sysadmin", "user", "guest", "test", "tester", "demo",
        "manager", "super", "superuser", "default", "changeme", "login", "welcome", "letmein", "master", "service", "support",
        // "password" however spelt
        "password", "passwd", "pass", "pwd", "psw", "passwrd", "psswrd", "pssword", "passwort", "mima",
        // Keyboard runs
        "qwe", "qwer", "qwert", "qwerty", "qwertyu", "qwertyui", "asd", "asdf", "asdfg", "asdfgh", "zxc", "zxcv", "zxcvb", "zxcvbn",
        "qaz", "qazwsx", "qazwsxedc", "wsx", "edc", "zaq", "zaqwsx", "qwaszx", "qweasd", "qweasdzxc", "asdqwe", "poiuy", "lkjh",
        "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "xyz",
        // Words people use
        "love", "iloveyou", "woaini", "hello", "hellokitty", "monkey", "dragon", "sunshine", "princess", "football", "baseball",
        "superman", "batman", "shadow", "michael", "china", "zhongguo", "beijing", "shanghai", "huawei", "xiaomi", "tencent", "baidu",
        "woshishui", "nihao", "aini", "wangwang", "haha", "hehe",
        // This system and its places
        "governance", "grid", "grids", "wangge", "wanggeyuan", "zhengfu", "gov", "county", "xian", "zhen", "cun", "shequ",
    };

    /// <summary>Whether <paramref name="password"/> is one of those guessed first.</summary>
    public static bool Contains(string password)
    {
        var letters = new string(password.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());
        return letters.Distinct().Count() < 3 || Words.Contains(letters);
    }
}
