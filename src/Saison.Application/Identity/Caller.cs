namespace Saison.Application.Identity;

/// <summary>
/// Who calls: their id and name, app roles (<see cref="Roles"/>) and scopes — the organisation of
/// an Organiser, the service or team of a Technician or Manager, the agent id of an Agent.
/// </summary>
public sealed record Caller(string Id, string Name, IReadOnlySet<string> RoleSet, IReadOnlySet<string> Scopes)
{
    /// <summary>The app itself (timers, sample loading).</summary>
    public static Caller System { get; } = new("system", "Saison", new HashSet<string> { Roles.Admin }, new HashSet<string>());

    public bool IsInRole(string role) => RoleSet.Contains(role);

    public bool IsInAnyRole(params string[] roles) => roles.Any(RoleSet.Contains);

    public bool HasScope(string scope) => Scopes.Contains(scope);

    public bool IsAdmin => RoleSet.Contains(Roles.Admin);
}

/// <summary>The app roles of DESIGN.md "Who may do what".</summary>
public static class Roles
{
    public const string Agent = "Agent";
    public const string Organiser = "Organiser";
    public const string ProjectCell = "ProjectCell";
    public const string Technician = "Technician";
    public const string Manager = "Manager";
    public const string Copil = "Copil";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Agent, Organiser, ProjectCell, Technician, Manager, Copil, Admin];
}
