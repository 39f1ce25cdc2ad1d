namespace Governance.Grids.Model;

/// <summary>Made-up people for the generated county: names, phone numbers and ID numbers that look
/// real (the ID number carries a valid GB 11643 check digit) but belong to no one.</summary>
internal static class DemoPeople
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "谭", "冉", "向"];
    private static readonly string[] GivenNames = ["建国", "秀英", "志强", "桂兰", "明", "芳", "军", "丽", "海", "红梅", "德华", "小燕", "永", "春华", "大勇"];
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCodes = "10X98765432";

    public static string Name(Random random) =>
        Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];

    /// <summary>A mobile number in the 139 0000 range, which no operator hands out in this form.</summary>
    public static string Phone(Random random) => $"1390000{random.Next(0, 10_000):D4}";

    /// <summary>An 18-character resident ID number: area, birth date, sequence, check digit.</summary>
    public static string IdNumber(Random random, string areaCode, int birthYearFrom, int birthYearTo)
    {
        var birth = new DateOnly(birthYearFrom, 1, 1).AddDays(random.Next(0, (birthYearTo - birthYearFrom + 1) * 365));
        var body = $"{areaCode[..6]}{birth:yyyyMMdd}{random.Next(0, 1000):D3}";
        return body + CheckDigit(body);
    }

    public static char CheckDigit(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckCodes[sum % 11];
    }
}
