namespace Saison.Functions.Identity;

/// <summary>
/// Configuration section <c>Auth</c>. In production: Entra ID (<see cref="Authority"/> and
/// <see cref="Audience"/>). In Development only: tokens signed with <see cref="DevelopmentSigningKey"/>.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Entra ID authority, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The API's application id URI or client id.</summary>
    public string Audience { get; set; } = "api://saison";

    /// <summary>Base64 HMAC key trusted only when the environment is Development.</summary>
    public string? DevelopmentSigningKey { get; set; }

    public string DevelopmentIssuer { get; set; } = "saison-development";
}

/// <summary>The claims Saison reads from a token.</summary>
public static class SaisonClaims
{
    /// <summary>App roles (Entra ID puts them in <c>roles</c>).</summary>
    public const string Role = "roles";

    /// <summary>Scopes an Agent to themselves, an Organiser to their organisation, a Technician or Manager to their service or team.</summary>
    public const string Scope = "saison_scope";

    public const string ObjectId = "oid";

    public const string Name = "name";
}
