namespace Governance.IntegrationTests.Support;

/// <summary>Places in the generated demo county (DemoCounty, default seed) the tests file at.</summary>
public static class Demo
{
    public const string County = "500101000000";
    public const string Township = "500101001000";
    public const string Village = "500101001001";
    public const string Grid = "500101001001001";
    public const string Courtyard = "500101001001001001";
}
