using Saison.Application.Identity;

namespace Saison.Functions.Identity;

/// <summary>
/// <c>dotnet run --project functions -- token --role Organiser --scope &lt;organisation-id&gt;</c>:
/// prints a development token for any role and scope, signed with the development key.
/// </summary>
public static class TokenCommand
{
    public const string Name = "token";

    public static int Run(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? role = null, id = null, name = null;
        var scopes = new List<string>();
        var hours = 12;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--role": role = value; i++; break;
                case "--scope": if (value is not null) { scopes.Add(value); } i++; break;
                case "--id": id = value; i++; break;
                case "--name": name = value; i++; break;
                case "--hours" when int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var h) && h > 0: hours = h; i++; break;
                default:
                    error.WriteLine($"Option inconnue ou invalide : {args[i]}");
                    return Usage(error);
            }
        }

        var known = Roles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            error.WriteLine($"Rôle manquant ou inconnu : « {role} ». Rôles : {string.Join(", ", Roles.All)}.");
            return Usage(error);
        }

        var options = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        if (string.IsNullOrEmpty(options.DevelopmentSigningKey))
        {
            error.WriteLine("Aucune clé de développement (Auth:DevelopmentSigningKey) : lancez la commande en environnement Development.");
            return 2;
        }

        id ??= known.ToLowerInvariant() + (scopes.Count > 0 ? "-" + scopes[0] : string.Empty);
        output.WriteLine(DevelopmentTokens.Mint(options, known, scopes, id, name ?? $"{known} (développement)", TimeSpan.FromHours(hours), DateTimeOffset.UtcNow));
        return 0;
    }

    private static int Usage(TextWriter error)
    {
        error.WriteLine("Usage : token --role <Rôle> [--scope <id>]... [--id <id>] [--name <nom>] [--hours <n>]");
        return 2;
    }
}
