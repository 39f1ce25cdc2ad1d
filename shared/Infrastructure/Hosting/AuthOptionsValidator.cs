using Governance.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// "Auth" must let the host check tokens before it serves: with authentication on and no identity
/// provider (Authority), the shared signing key must be long enough for HMAC-SHA256. Without this the
/// host printed "serving" and answered 500 to every request, /health/ready included.
/// </summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    /// <summary>HMAC-SHA256 needs a key of at least 256 bits; TokenIssuer counts characters, so both are checked.</summary>
    public const int MinKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled && string.IsNullOrWhiteSpace(options.Authority))
        {
            if (string.IsNullOrEmpty(options.SigningKey))
                failures.Add($"Auth:SigningKey is not set: give the services a shared key of at least {MinKeyLength} characters, or set Auth:Authority to the county's identity provider.");
            else if (options.SigningKey.Length < MinKeyLength || System.Text.Encoding.UTF8.GetByteCount(options.SigningKey) < MinKeyLength)
                failures.Add($"Auth:SigningKey is {options.SigningKey.Length} characters; it must be at least {MinKeyLength}.");
            else if (options.SigningKey.Any(char.IsControl))
                // HMAC pads a short key with zero bytes: the demo key with a NUL after it is the demo key.
                failures.Add("Auth:SigningKey may not hold control characters.");
            else if (!options.DevTokens && options.SigningKey == DemoKeys.SigningKey)
                failures.Add($"Auth:SigningKey is the public demo key: {DemoKeys.Advice}, e.g. Auth__SigningKey=$(openssl rand -base64 48).");
        }
        if (!string.IsNullOrWhiteSpace(options.Authority) && !(Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) && authority.Scheme is "https" or "http"))
            failures.Add($"Auth:Authority '{options.Authority}' must be an absolute http(s) address of the identity provider.");
        if (options.TokenLifetime <= TimeSpan.Zero)
            failures.Add("Auth:TokenLifetime must be positive.");
        if (options.PasswordFailuresBeforeLock < 1)
            failures.Add("Auth:PasswordFailuresBeforeLock must be at least 1.");
        if (options.PasswordLockout <= TimeSpan.Zero)
            failures.Add("Auth:PasswordLockout must be positive.");
        if (options.SignInPermitsPerMinute < 1)
            failures.Add("Auth:SignInPermitsPerMinute must be at least 1.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
