using System.ComponentModel.DataAnnotations;

namespace Governance.Grids.Model;

/// <summary>Configuration section "Grids": whether the demo county is seeded on first start, and how big it is.</summary>
public sealed class DemoCountyOptions : IValidatableObject
{
    public const string Section = "Grids";

    public bool SeedDemoCounty { get; set; } = true;

    /// <summary>"demo" (the default), "county", or four totals "townships,villages,grids,courtyards".</summary>
    public string? DemoCountySize { get; set; }

    /// <summary>The size asked for (a method: DataAnnotations reads every property, even of an invalid setting).</summary>
    public DemoCountySize ToSize() => SizeFrom(DemoCountySize)
        ?? throw new InvalidOperationException($"Grids:DemoCountySize '{DemoCountySize}' is not demo, county or townships,villages,grids,courtyards");

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (SizeFrom(DemoCountySize) is not { } size)
        {
            yield return new ValidationResult(
                $"Grids:DemoCountySize '{DemoCountySize}' is not demo, county or townships,villages,grids,courtyards.", [nameof(DemoCountySize)]);
            yield break;
        }
        string? tooBig = null;
        try { size.Validate(); }
        catch (ArgumentOutOfRangeException e) { tooBig = e.Message; }
        if (tooBig is not null) yield return new ValidationResult($"Grids:DemoCountySize: {tooBig}", [nameof(DemoCountySize)]);
    }

    private static DemoCountySize? SizeFrom(string? setting) => setting?.Trim().ToLowerInvariant() switch
    {
        null or "" or "demo" => Model.DemoCountySize.Demo,
        "county" => Model.DemoCountySize.County,
        var totals when totals.Split(',') is { Length: 4 } parts && parts.All(p => int.TryParse(p, out _)) =>
            new DemoCountySize(int.Parse(parts[0]), int.Parse(parts[1]), int.Parse(parts[2]), int.Parse(parts[3])),
        _ => null,
    };
}
