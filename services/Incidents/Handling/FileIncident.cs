namespace Governance.Incidents.Handling;

/// <summary>
/// File a case (信息收集 → 案卷建立): what POST /incidents, Open311's POST requests and a care visit's
/// consumer each build from their own input, and <see cref="Filing"/> checks and files. Values come in
/// our types: a category or grade that was missing or is no code of ours is null here, and Filing names
/// the field; a location is a valid point or absent (the endpoint that read it reports a bad one).
/// </summary>
/// <param name="Resolution">Set when the grid worker settled it on the spot (即知即办): what was done. The
/// case is closed at the courtyard tier at once.</param>
/// <param name="Call">Set for a hotline call (Open311, a hotline operator): it may come without a unit code and is then
/// placed by its location or address, or taken into the county's triage queue (<see cref="Placement"/>).</param>
public sealed record FileIncident(string? UnitCode, Category? Category, Grade? Grade, string? Title, string? Description,
    Location? Location, string? Resolution = null, HotlineCall? Call = null);
