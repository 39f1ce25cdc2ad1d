using Governance.Infrastructure.Security;

namespace Governance.Incidents.Handling;

/// <summary>Which limit a phone has reached, if any: the page words it, the endpoint answers 429.</summary>
public enum ResidentLimit { CodesPerHour, FilingsPerDay }

/// <summary>
/// The one-time code that confirms a resident's phone (docs/courtyard-qr.md): six digits, stored as a keyed hash
/// of the row and the code, valid for <see cref="ResidentOptions.CodeExpiry"/>, spent by the filing it confirms
/// or by <see cref="ResidentOptions.CodeAttempts"/> wrong tries. A phone is known by its keyed hash only.
/// </summary>
public static class ResidentCodes
{
    private const string PhonePurpose = "resident-phone";
    private const string CodePurpose = "resident-code";

    public static string PhoneHash(PersonalDataSealer sealer, string phone) => sealer.KeyedHash(phone, PhonePurpose);

    private static string CodeHash(PersonalDataSealer sealer, Guid id, string code) => sealer.KeyedHash($"{id:N}:{code}", CodePurpose);

    /// <summary>The limit this phone has reached now, or null. Counted, not locked: two requests at once may
    /// each pass, so a limit holds to within the requests in flight.</summary>
    public static async Task<ResidentLimit?> LimitReachedAsync(DbSession session, string phoneHash, DateTimeOffset now, ResidentOptions o, bool sendingCode)
    {
        if (await ResidentStore.FilingsSinceAsync(session, phoneHash, now.AddDays(-1)) >= o.FilingsPerPhonePerDay) return ResidentLimit.FilingsPerDay;
        if (sendingCode && await ResidentStore.CodesSinceAsync(session, phoneHash, now.AddHours(-1)) >= o.CodesPerPhonePerHour) return ResidentLimit.CodesPerHour;
        return null;
    }

    /// <summary>Stores a new code for the phone at the courtyard and returns it, to be texted once the change commits.</summary>
    public static async Task<(string Code, DateTimeOffset ExpiresAt)> IssueAsync(UnitOfWork uow, string unitCode, string phoneHash,
        PersonalDataSealer sealer, ResidentOptions o)
    {
        var (id, code, expires) = (Guid.CreateVersion7(), OneTimeCode.New(), uow.Now + o.CodeExpiry);
        await ResidentStore.InsertCodeAsync(uow, id, unitCode, phoneHash, CodeHash(sealer, id, code), expires);
        return (code, expires);
    }

    /// <summary>Spends the phone's newest code if <paramref name="code"/> is it; a wrong code counts an attempt
    /// (the caller's change must commit even when the filing is refused). The field error names "code".</summary>
    public static async Task<FieldErrors> ConsumeAsync(UnitOfWork uow, string phoneHash, string? code, PersonalDataSealer sealer, ResidentOptions o)
    {
        var errors = new FieldErrors();
        if (!OneTimeCode.IsWellFormed(code)) return errors.Add("code", "请输入短信中的6位验证码。 code must be the 6 digits of the text message.");
        var stored = await ResidentStore.NewestUnusedAsync(uow, phoneHash);
        if (stored is null) return errors.Add("code", "请先获取验证码。 Ask for a code first.");
        if (uow.Now >= stored.ExpiresAt) return errors.Add("code", "验证码已过期，请重新获取。 The code has expired: ask for a new one.");
        if (stored.Attempts >= o.CodeAttempts) return errors.Add("code", "验证码错误次数过多，请重新获取。 Too many wrong codes: ask for a new one.");
        var expected = CodeHash(sealer, stored.Id, code!);
        if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(stored.CodeHash)))
        {
            await ResidentStore.CountAttemptAsync(uow, stored.Id);
            return errors.Add("code", "验证码不正确。 The code is not right.");
        }
        await ResidentStore.MarkUsedAsync(uow, stored.Id);
        return errors;
    }
}
