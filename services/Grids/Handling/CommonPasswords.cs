namespace Governance.Grids.Handling;

/// <summary>
/// Passwords anyone guessing tries first, though they pass the complexity rule (<see cref="PasswordRules"/>):
/// "Admin@123", "Abc12345", "1qaz@WSX", "P@ssw0rd" — a word everyone uses, dressed in digits and symbols.
/// NIST SP 800-63B asks that such passwords be refused; the outside probe of issue #18 set both of the first
/// two, and its second round got "Adm1n@123", "Zxcvbnm1!", "Rootroot1!" and "Lenovo@123" through the first version.
/// A password is judged by its letters (any script, lower-cased, in order), read twice: as typed, and with the
/// digits and symbols that stand for letters inside a word read as those letters ("Adm1n", "P@$$w0rd"). It is
/// refused when those letters are
/// <list type="bullet">
/// <item>too few to guess at: fewer than three different ones ("Aa123456", "Zz!12345");</item>
/// <item>a word below, or a word below with fewer than four letters of one's own around it ("Admin@2024",
/// "Welc0me1!", "Asdfghjkl1!") — the default accounts, keyboard runs, words everyone uses, vendors' defaults,
/// common surnames, this system's words and its demo county;</item>
/// <item>one word twice ("Rootroot1!").</item>
/// </list>
/// A passphrase holding one of these words among others of its own passes ("Wangfujing-Night-7").
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
        "passw", "pasword", "passwor", "psword",
        // Longer keyboard runs
        "qwertyuio", "qwertyuiop", "asdfghj", "asdfghjk", "asdfghjkl", "zxcvbnm", "qazxsw", "poiuytrewq", "mnbvcxz", "lkjhgfdsa",
        // Vendors' default passwords (network devices, cameras, databases, systems)
        "lenovo", "tplink", "sangfor", "hik", "hikvision", "dahua", "ruijie", "cisco", "juniper", "oracle", "mysql", "postgres",
        "redhat", "ubuntu", "debian", "centos", "linux", "windows", "microsoft", "huaweicloud", "aliyun", "qq", "weixin", "wechat",
        // Common surnames and names (pinyin), and the administrator
        "wang", "li", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu", "xu", "sun", "hu", "zhu", "gao", "lin", "he",
        "guo", "ma", "luo", "zhangsan", "lisi", "wangwu", "zhaoliu", "gly", "guanliyuan", "laoshi",
        // This system and its places (the demo county is 示范县)
        "governance", "grid", "grids", "wangge", "wanggeyuan", "zhengfu", "gov", "county", "xian", "zhen", "cun", "shequ",
        "shifan", "shifanxian", "zhihui", "zhongxin", "jiceng", "zhili",
    };

    /// <summary>Digits and symbols that stand for letters inside a word.</summary>
    private static readonly Dictionary<char, char> Stand = new()
    {
        ['0'] = 'o', ['1'] = 'i', ['3'] = 'e', ['4'] = 'a', ['5'] = 's', ['7'] = 't', ['@'] = 'a', ['$'] = 's', ['!'] = 'i',
    };

    /// <summary>A word's own letters around it: fewer than this, and the password is that word dressed up.</summary>
    private const int OwnLetters = 4;

    /// <summary>Whether <paramref name="password"/> is one of those guessed first.</summary>
    public static bool Contains(string password)
    {
        var typed = new string(password.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());
        return typed.Distinct().Count() < 3 || Guessable(typed) || Guessable(ReadAsLetters(password));
    }

    private static bool Guessable(string letters) =>
        Words.Contains(letters)
        || Words.Any(word => word.Length >= 4 && letters.Length - word.Length < OwnLetters && letters.Contains(word, StringComparison.Ordinal))
        || (letters.Length % 2 == 0 && letters.Length >= 6 && letters[..(letters.Length / 2)] == letters[(letters.Length / 2)..]);

    /// <summary>The letters, with a digit or symbol that stands for a letter read as that letter where it touches one
    /// ("Adm1n@123" → "admina": the trailing digits touch no letter and are dropped).</summary>
    private static string ReadAsLetters(string password)
    {
        var letters = new System.Text.StringBuilder(password.Length);
        for (var i = 0; i < password.Length; i++)
        {
            var c = password[i];
            if (char.IsLetter(c)) letters.Append(char.ToLowerInvariant(c));
            else if (Stand.TryGetValue(c, out var letter) && (Touches(password, i - 1) || Touches(password, i + 1))) letters.Append(letter);
        }
        return letters.ToString();
    }

    /// <summary>Whether position <paramref name="i"/> holds a letter, or a stand-in next to one ("$$" in "Pa$$w0rd").</summary>
    private static bool Touches(string password, int i) =>
        i >= 0 && i < password.Length && (char.IsLetter(password[i])
            || (Stand.ContainsKey(password[i]) && ((i > 0 && char.IsLetter(password[i - 1])) || (i + 1 < password.Length && char.IsLetter(password[i + 1])))));
}
