using MiniExcelLibs;
using MiniExcelLibs.Csv;
using MiniExcelLibs.OpenXml;
using Microsoft.AspNetCore.Http;

namespace Governance.Incidents.Exports;

/// <summary>
/// Writes rows to a temporary file in the chosen format, then answers with the file, which is deleted when
/// sent. The rows are written as they come (a database cursor, for a case list): memory stays bounded
/// whatever the count, and the database is read before the first byte is sent, so a slow download never
/// keeps a read open. Column headers come from <c>[ExcelColumnName]</c> on <typeparamref name="T"/>.
/// </summary>
public static class TableFile
{
    /// <summary>Writes <paramref name="rows"/> and returns the file, opened for reading and deleted on close.</summary>
    public static FileStream Write<T>(ExportFormat format, string sheet, IEnumerable<T> rows, int rowsPerSheet)
    {
        var path = Path.Combine(Path.GetTempPath(), $"governance-export-{Guid.NewGuid():N}.{format.Extension()}");
        try
        {
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                if (format == ExportFormat.Csv) file.SaveAs(rows, excelType: ExcelType.CSV, configuration: new CsvConfiguration());
                else file.SaveAs(new Sheets<T>(sheet, rows, rowsPerSheet), excelType: ExcelType.XLSX, configuration: Xlsx);
            }
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.DeleteOnClose);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Writes on a worker thread (the database is read synchronously, row by row) and answers with the file.</summary>
    public static async Task<IResult> AnswerAsync<T>(ExportFormat format, string fileName, string sheet, Func<IEnumerable<T>> rows, int rowsPerSheet)
    {
        var file = await Task.Run(() => Write(format, sheet, rows(), rowsPerSheet));
        return TypedResults.File(file, format.ContentType(), $"{fileName}.{format.Extension()}");
    }

    private static OpenXmlConfiguration Xlsx => new()
    {
        // A cell's text is never taken for a file to embed (MiniExcel would embed an image found at a path).
        EnableWriteFilePath = false,
        EnableConvertByteArray = false,
        AutoFilter = true,
        FastMode = false,
    };
}
