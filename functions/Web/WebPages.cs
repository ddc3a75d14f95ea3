using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Routing;
using Saison.Functions.Identity;

namespace Saison.Functions.Web;

/// <summary>
/// The web pages: server-rendered Razor components (static rendering, plain HTML forms, no script),
/// one local stylesheet and the sign-out post. Every page endpoint is a named function, like the API's.
/// </summary>
public static class WebPages
{
    public const string StylesheetPath = "/static/saison.css";
    public const string SignOutPath = "/deconnexion";

    public static IServiceCollection AddWebPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        return services;
    }

    public static IEndpointRouteBuilder MapWebPages(this IEndpointRouteBuilder app)
    {
        // Pages are anonymous endpoints: each page checks its roles ([Authorize] seen by the router)
        // and sends a signed-out browser to the sign-in page rather than the API's 401 problem.
        var pages = app.MapRazorComponents<App>();
        pages.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route)
            {
                endpoint.Metadata.Add(new EndpointNameMetadata(PageFunctionName(route.RoutePattern.RawText ?? "/")));
            }
        });
        pages.AllowAnonymous();

        app.MapGet(StylesheetPath, Stylesheet)
            .WithName("WebStylesheet")
            .WithTags("Pages")
            .WithSummary("Feuille de style des pages (écran et impression)")
            .ExcludeFromDescription()
            .AllowAnonymous();

        app.MapPost(SignOutPath, SignOutAsync)
            .WithName("WebSignOut")
            .WithTags("Pages")
            .WithSummary("Se déconnecter (efface le jeton des pages)")
            .ExcludeFromDescription()
            .DisableAntiforgery()
            .AllowAnonymous();
        return app;
    }

    /// <summary>The function name of a page: <c>Page</c> and its route in PascalCase (<c>/saisons/{season}/copil</c> → <c>PageSaisonsSeasonCopil</c>).</summary>
    public static string PageFunctionName(string route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var name = new StringBuilder("Page");
        foreach (var word in route.Split(['/', '-', '{', '}', ':', '?', '*', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word is "int" or "bool" or "guid")
            {
                continue;
            }

            name.Append(char.ToUpper(word[0], CultureInfo.InvariantCulture)).Append(word.AsSpan(1));
        }

        return name.Length == "Page".Length ? "PageAccueil" : name.ToString();
    }

    private static readonly Lazy<byte[]> StylesheetBytes = new(() =>
    {
        using var stream = typeof(WebPages).Assembly.GetManifestResourceStream("Saison.Functions.Web.saison.css")
            ?? throw new InvalidOperationException("The embedded stylesheet is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    private static IResult Stylesheet(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Bytes(StylesheetBytes.Value, "text/css; charset=utf-8");
    }

    // The antiforgery check is explicit here: the form has no field to bind, so nothing would trigger it.
    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return Http.Problems.Validation("__RequestVerificationToken", "Le formulaire a expiré : rechargez la page puis recommencez.");
        }

        context.Response.Cookies.Delete(BearerAuthenticationHandler.TokenCookieName, new CookieOptions { Path = "/" });
        return TypedResults.Redirect("/connexion");
    }

    internal static Assembly Assembly => typeof(WebPages).Assembly;
}
