using System.ComponentModel.DataAnnotations;

namespace Governance.Incidents.Handling;

/// <summary>"Incidents:Residents" in configuration: the courtyard QR page, its one-time codes and its limits (docs/courtyard-qr.md).</summary>
public sealed class ResidentOptions
{
    public const string Section = "Incidents:Residents";

    /// <summary>The public page a courtyard's QR opens; "&lt;courtyard code&gt;.&lt;key&gt;" is appended after "#",
    /// which browsers never send, so no access log keeps the key. A relative base ("/courtyard#", the default) is
    /// completed with the address the sheet was asked at (<see cref="PublicLinks"/>), so the demo's codes open on
    /// whatever address it serves; a county sets its public address.</summary>
    [Required, RegularExpression(PublicLinks.BasePattern)]
    public string PageBase { get; set; } = "/courtyard#";
    /// <summary>The resident's status link; the token is appended after "#". Relative: as <see cref="PageBase"/>.</summary>
    [Required, RegularExpression(PublicLinks.BasePattern)]
    public string StatusBase { get; set; } = "/my-case#";
    /// <summary>The county's approved template on its SMS platform; its variable ${code} is the one-time code.</summary>
    [Required, MaxLength(64)]
    public string CodeTemplateCode { get; set; } = "SMS_RESIDENT_CODE";
    /// <summary>How long a one-time code answers after it is sent.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan CodeExpiry { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Wrong codes a code survives; then a new one must be asked for.</summary>
    [Range(1, 20)]
    public int CodeAttempts { get; set; } = 5;
    /// <summary>Codes texted to one phone an hour.</summary>
    [Range(1, 1000)]
    public int CodesPerPhonePerHour { get; set; } = 5;
    /// <summary>Cases one phone may file a day.</summary>
    [Range(1, 1000)]
    public int FilingsPerPhonePerDay { get; set; } = 5;
    /// <summary>Requests a minute per client address on the public page (reads, filings, photos).</summary>
    [Range(1, 100_000)]
    public int PermitsPerMinute { get; set; } = 20;
    /// <summary>Codes texted an hour per client address (a text costs money and reaches a stranger's phone).</summary>
    [Range(1, 100_000)]
    public int CodesPerAddressPerHour { get; set; } = 20;
}
