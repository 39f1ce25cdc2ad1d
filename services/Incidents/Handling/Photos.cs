using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace Governance.Incidents.Handling;

/// <summary>Limits of case photos (configuration "Incidents:Photos").</summary>
public sealed class PhotoOptions
{
    /// <summary>The largest photo accepted, in bytes. The page scales photos down to ~1600 px JPEG
    /// (a few hundred kB) before sending, so this only stops the unreasonable.</summary>
    [Range(1, 100 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>How many photos one case may carry.</summary>
    [Range(1, 100)]
    public int MaxPerCase { get; set; } = 6;
}

/// <summary>The photo the case now has. <paramref name="New"/> is false when the case already had these
/// exact bytes: then it is the earlier photo, not a second copy.</summary>
public sealed record KeptPhoto(PhotoInfo Photo, bool New);

/// <summary>
/// Adds a photo to a case: one transaction that locks the case (so two uploads for one case take
/// turns and the count and duplicate check hold), stores the bytes and records "photo-added" on the
/// timeline. A photo is evidence, so it may be added whatever the case's status.
/// </summary>
public static class Photos
{
    public static async Task<Outcome<KeptPhoto>> AddAsync(UnitOfWork<IncidentsDatabase> uow, Guid incidentId, string contentType, byte[] bytes,
        string actor, PhotoOptions options)
    {
        var incident = await IncidentStore.FindAsync(uow, incidentId);
        if (incident is null) return new Outcome<KeptPhoto>.NotFound();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (await PhotoStore.FindBySha256Async(uow, incidentId, sha256) is { } earlier)
            return new Outcome<KeptPhoto>.Done(new KeptPhoto(earlier, New: false));
        if (await PhotoStore.CountAsync(uow, incidentId) >= options.MaxPerCase)
            return new Outcome<KeptPhoto>.Conflict(IncidentsTexts.MaxPhotos(options.MaxPerCase));

        var photo = new PhotoInfo(Guid.CreateVersion7(), contentType, bytes.LongLength, sha256, actor, uow.Now);
        await PhotoStore.InsertAsync(uow, incidentId, photo, bytes);
        TimelineStore.Add(uow, incidentId,
            new TimelineEntry(uow.Now, actor, TimelineAction.PhotoAdded, incident.Tier, incident.HandlingUnitCode, null));
        return new Outcome<KeptPhoto>.Done(new KeptPhoto(photo, New: true));
    }
}
