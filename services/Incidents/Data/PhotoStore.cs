namespace Governance.Incidents.Data;

/// <summary>A photo of a case as lists show it (the bytes are read only when the photo itself is asked for).</summary>
/// <param name="ContentType">What the bytes are (found in them, not taken from the client).</param>
/// <param name="Sha256">Hex SHA-256 of the bytes: the same picture sent twice for a case is one photo.</param>
public sealed record PhotoInfo(Guid Id, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>The SQL of case photos, stored in the Incidents database (see Migrations/*/0006_photos.sql).</summary>
public static class PhotoStore
{
    private const string Columns = """
        id AS Id, content_type AS ContentType, size AS Size, sha256 AS Sha256, uploaded_by AS UploadedBy, uploaded_at_ms AS UploadedAtMs
        """;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string ContentType { get; init; } = default!;
        public long Size { get; init; }
        public string Sha256 { get; init; } = default!;
        public string UploadedBy { get; init; } = default!;
        public long UploadedAtMs { get; init; }

        public PhotoInfo ToInfo() => new(Id, ContentType, Size, Sha256.Trim(), UploadedBy, DateTimeOffset.FromUnixTimeMilliseconds(UploadedAtMs));
    }

    private sealed class ContentRow
    {
        public string ContentType { get; init; } = default!;
        public string Sha256 { get; init; } = default!;
        public byte[] Bytes { get; init; } = default!;
    }

    public static Task InsertAsync(UnitOfWork uow, Guid incidentId, PhotoInfo photo, byte[] bytes) => uow.ExecuteAsync("""
        INSERT INTO incident_photos (id, incident_id, content_type, bytes, size, sha256, uploaded_by, uploaded_at_ms)
        VALUES (@Id, @IncidentId, @ContentType, @Bytes, @Size, @Sha256, @UploadedBy, @UploadedAtMs)
        """, new
    {
        photo.Id, IncidentId = incidentId, photo.ContentType, Bytes = bytes, photo.Size, photo.Sha256, photo.UploadedBy,
        UploadedAtMs = photo.UploadedAt.ToUnixTimeMilliseconds(),
    });

    /// <summary>A case's photos, oldest first.</summary>
    public static async Task<IReadOnlyList<PhotoInfo>> ListAsync(DbSession session, Guid incidentId) =>
        (await session.QueryAsync<Row>($"SELECT {Columns} FROM incident_photos WHERE incident_id = @incidentId ORDER BY uploaded_at_ms, id",
            new { incidentId })).Select(r => r.ToInfo()).ToList();

    public static async Task<PhotoInfo?> FindBySha256Async(DbSession session, Guid incidentId, string sha256) =>
        (await session.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM incident_photos WHERE incident_id = @incidentId AND sha256 = @sha256",
            new { incidentId, sha256 }))?.ToInfo();

    public static Task<int> CountAsync(DbSession session, Guid incidentId) =>
        session.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM incident_photos WHERE incident_id = @incidentId", new { incidentId });

    /// <summary>One photo's bytes, only if it belongs to the case (the route names both).</summary>
    public static async Task<(string ContentType, string Sha256, byte[] Bytes)?> ContentAsync(DbSession session, Guid incidentId, Guid photoId) =>
        await session.QuerySingleOrDefaultAsync<ContentRow>(
            "SELECT content_type AS ContentType, sha256 AS Sha256, bytes AS Bytes FROM incident_photos WHERE id = @photoId AND incident_id = @incidentId",
            new { photoId, incidentId }) is { } row
            ? (row.ContentType, row.Sha256.Trim(), row.Bytes)
            : null;
}
