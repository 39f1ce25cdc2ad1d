using Governance.Infrastructure.UnitCopy;

namespace Governance.Grids.Handling;

/// <summary>Set a unit's address aliases whole (an empty list removes them).</summary>
public sealed record SetUnitAliases(IReadOnlyList<string?>? Aliases);

/// <summary>A unit's aliases as stored: normalised, in order.</summary>
public sealed record UnitAliasesView(string UnitCode, IReadOnlyList<string> Aliases);

/// <summary>
/// Addresses the county registers for a grid or courtyard (issue #14, docs/intake.md): a hotline call whose
/// address_string equals one of them, after white space is normalised, is placed on the unit. Nothing is
/// guessed from names, so an alias belongs to exactly one unit. Setting them is a change of the unit: its
/// version moves on, its history says what changed, and it is announced (UnitRecord.Aliases) so that the
/// services' copies learn it.
/// </summary>
public static class UnitAliases
{
    public const int MaxAliases = 50;
    public const int MaxLength = 200;

    public static async Task<Outcome<UnitAliasesView>> SetAsync(UnitOfWork<GridsDatabase> uow, string code, SetUnitAliases? command, string actor)
    {
        var errors = new FieldErrors();
        if (command?.Aliases is not { } given) return errors.Add("aliases", GridsTexts.AliasesRequired);
        var aliases = new List<string>();
        for (var i = 0; i < given.Count; i++)
        {
            var alias = given[i] is { } text ? UnitPlaces.NormalizeAlias(text) : "";
            if (alias.Length == 0) errors.Add($"aliases[{i}]", GridsTexts.NotEmpty($"aliases[{i}]"));
            else if (alias.Length > MaxLength) errors.Add($"aliases[{i}]", ProblemTexts.TooLong($"aliases[{i}]", MaxLength));
            else if (alias.Any(char.IsControl)) errors.Add($"aliases[{i}]", ProblemTexts.ControlCharacters($"aliases[{i}]"));
            else if (!aliases.Contains(alias, StringComparer.Ordinal)) aliases.Add(alias);
        }
        if (aliases.Count > MaxAliases) errors.Add("aliases", GridsTexts.AtMostAliases(MaxAliases));
        if (errors.Any) return errors;

        var unit = await UnitStore.FindAsync(uow, code);
        if (unit is null) return new Outcome<UnitAliasesView>.NotFound();
        if (unit.Retired) return new Outcome<UnitAliasesView>.Conflict(GridsTexts.RetiredNoAliases(code));
        if (unit.Level is not (UnitLevel.Grid or UnitLevel.Courtyard) && aliases.Count > 0)
            return errors.Add("aliases", GridsTexts.AliasesForGridsAndCourtyards(code, Codes.Of(unit.Level)));
        foreach (var (alias, owner) in await UnitAliasStore.OwnersAsync(uow, aliases))
            if (owner != code) errors.Add("aliases", GridsTexts.AliasTaken(alias, owner));
        if (errors.Any) return errors;

        var before = ((await UnitAliasStore.OfAsync(uow, [code])).GetValueOrDefault(code) ?? []).Order(StringComparer.Ordinal).ToList();
        aliases.Sort(StringComparer.Ordinal);
        if (before.SequenceEqual(aliases, StringComparer.Ordinal)) return new Outcome<UnitAliasesView>.Done(new(code, aliases));
        await UnitAliasStore.ReplaceAsync(uow, code, aliases, actor);
        var changed = unit with { Version = unit.Version + 1 };
        if (!await UnitStore.UpdateAsync(uow, changed, unit.Version))
            return new Outcome<UnitAliasesView>.Conflict(GridsTexts.ChangedMeanwhile(code));
        await UnitStore.AddHistoryAsync(uow, [new UnitChange(Guid.CreateVersion7(), code, changed.Version,
            UnitChangeKind.Aliases, string.Join("; ", before), string.Join("; ", aliases), actor, uow.Now)]);
        await UnitAnnouncer.AnnounceAsync(uow, [changed]);
        return new Outcome<UnitAliasesView>.Done(new(code, aliases));
    }
}
