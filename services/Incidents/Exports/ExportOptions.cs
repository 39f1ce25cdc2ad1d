using System.ComponentModel.DataAnnotations;

namespace Governance.Incidents.Exports;

/// <summary>Exports (section "Incidents:Exports").</summary>
public sealed class ExportOptions
{
    /// <summary>The most rows under the header row on one XLSX sheet before the next sheet takes over: Excel's
    /// 1,048,576 rows less the header. Smaller only for tests that watch the next sheet begin.</summary>
    [Range(1, 1_048_575)]
    public int RowsPerSheet { get; set; } = 1_048_575;
}
