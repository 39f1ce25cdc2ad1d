using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Security;

/// <summary>
/// Seals personal data at rest with AES-256-GCM: "pd1:&lt;key id&gt;:&lt;base64 of nonce, ciphertext, tag&gt;".
/// The row it belongs to (say, the case id) is bound in as associated data, so a sealed value copied into
/// another row does not open there. A database dump, a backup or a replica shows no number.
/// </summary>
public sealed class PersonalDataSealer
{
    private const string Prefix = "pd1:";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _current;

    public PersonalDataSealer(IOptions<PersonalDataOptions> options)
    {
        _keys = options.Value.Listed.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value));
        _current = options.Value.CurrentKeyId ?? throw new InvalidOperationException("PersonalData:CurrentKeyId is not set.");
    }

    public string Seal(string plain, string boundTo)
    {
        var data = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[NonceBytes + data.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_current], TagBytes);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(NonceBytes, data.Length), sealedBytes.AsSpan(NonceBytes + data.Length), Encoding.UTF8.GetBytes(boundTo));
        return $"{Prefix}{_current}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>The plain text; throws <see cref="CryptographicException"/> when the value was changed,
    /// belongs to another row, or its key is no longer configured.</summary>
    public string Open(string sealedValue, string boundTo)
    {
        var keyId = KeyIdOf(sealedValue) ?? throw new CryptographicException("Not a sealed value.");
        var colon = Prefix.Length + keyId.Length;
        if (!_keys.TryGetValue(keyId, out var key))
            throw new CryptographicException($"Sealed with key '{keyId}', which PersonalData:Keys no longer lists.");
        var bytes = Convert.FromBase64String(sealedValue[(colon + 1)..]);
        if (bytes.Length < NonceBytes + TagBytes) throw new CryptographicException("The sealed value is truncated.");
        var length = bytes.Length - NonceBytes - TagBytes;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(bytes.AsSpan(0, NonceBytes), bytes.AsSpan(NonceBytes, length), bytes.AsSpan(NonceBytes + length), plain, Encoding.UTF8.GetBytes(boundTo));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>A keyed hash (HMAC-SHA256 under a key derived from the current sealing key for
    /// <paramref name="purpose"/>) of a value kept sealed, so rows can be counted by it (the resident's phone,
    /// for abuse limits) without opening any. Not reversible without the key; a rotation starts new hashes.</summary>
    public string KeyedHash(string value, string purpose)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, _keys[_current], 32, info: Encoding.UTF8.GetBytes("keyed-hash:" + purpose));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)));
    }

    /// <summary>The id of the key a value was sealed with (for re-sealing after a rotation).</summary>
    public static string? KeyIdOf(string sealedValue) =>
        sealedValue.StartsWith(Prefix, StringComparison.Ordinal) && sealedValue.IndexOf(':', Prefix.Length) is > 0 and var colon
            ? sealedValue[Prefix.Length..colon]
            : null;
}
