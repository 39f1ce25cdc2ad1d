using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Governance.Incidents.Model;

/// <summary>
/// 回访: after a resolution, the resident who left a phone answers himself whether he is satisfied, through a
/// one-time link in a text message. One per resolution; <see cref="State"/> is one of <see cref="ReturnVisitState"/>.
/// </summary>
public sealed record ReturnVisit(Guid Id, Guid IncidentId, string State, DateTimeOffset CreatedAt, DateTimeOffset? SentAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? EndedAt, string? VoidReason)
{
    /// <summary>Who answers on the timeline: the resident, never a member of staff (his answer is the satisfaction figure);
    /// a prefixed name, as "system:" and "open311:" are, so that no staff account's id can be taken for it.</summary>
    public const string ResidentActor = "resident:return-visit";

    /// <summary>Why the link cannot be answered now, or null when it can.</summary>
    public ReturnVisitRefusal? RefusalAt(DateTimeOffset now) => State switch
    {
        ReturnVisitState.Answered => ReturnVisitRefusal.Used,
        ReturnVisitState.Voided => ReturnVisitRefusal.Voided,
        _ when ExpiresAt is not { } expires || now >= expires => ReturnVisitRefusal.Expired,
        _ => null,
    };

    /// <summary>The resident's answer as verification: 不满意 is "not solved" (the case reopens), the others close it.</summary>
    public static VerificationResult ResultOf(Satisfaction answer) =>
        answer == Satisfaction.Dissatisfied ? VerificationResult.NotSolved : VerificationResult.Solved;

    /// <summary>The timeline's words for an answer: "群众回访：满意".</summary>
    public static string Describe(Satisfaction answer) => "群众回访：" + answer switch
    {
        Satisfaction.Satisfied => "满意",
        Satisfaction.BasicallySatisfied => "基本满意",
        _ => "不满意",
    };
}

public static class ReturnVisitState
{
    /// <summary>Waiting for its text to be sent, or for the resident's answer.</summary>
    public const string Open = "open";
    public const string Answered = "answered";
    /// <summary>A later resolution superseded it, or staff verified the case first.</summary>
    public const string Voided = "voided";
}

public enum ReturnVisitRefusal { Used, Voided, Expired }

/// <summary>
/// The link's token: 192 random bits, URL-safe (32 characters). Only its SHA-256 is stored, so a copy of the
/// database answers no link; logs show its first characters at most.
/// </summary>
public static class ReturnVisitToken
{
    public const int Length = 32;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether it could be a token at all (so a malformed one costs no query).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>For a log line: "AbCd…".</summary>
    public static string ForLog(string token) => token.Length <= 4 ? "…" : token[..4] + "…";
}
