using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Saison.Application.Persistence;
using Saison.Storage;

namespace Saison.Functions.Http;

/// <summary>
/// Turns every refusal the framework or the store raises into French problem+json: malformed JSON
/// (400 naming the field), unauthenticated (401), forbidden (403), unknown route (404), wrong
/// method (405), ETag mismatch (412), store rules (400). Never a stack trace in a response.
/// </summary>
public static class ProblemHandling
{
    public static IServiceCollection AddSaisonProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.Remove("exception");
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        // Writers are tried in order: a browser's page gets HTML; a program gets problem+json whatever it accepts.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, BrowserPageWriter>());
        services.AddSingleton<IProblemDetailsWriter, AlwaysJsonWriter>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<SaisonExceptionHandler>();
        return services;
    }

    /// <summary>Status codes produced without a body (401, 403, 404, 405, 415) get a French problem.</summary>
    public static IApplicationBuilder UseSaisonStatusProblems(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Response.HasStarted || http.Response.ContentLength > 0 || !string.IsNullOrEmpty(http.Response.ContentType))
            {
                return;
            }

            if (http.Response.StatusCode == StatusCodes.Status400BadRequest)
            {
                // A query parameter the framework could not bind (it answers an empty 400): say which, and how it is written.
                var (field, message) = QueryBinding.Explain(http);
                await Write(http, 400, ProblemTypes.Validation, "Paramètre invalide", message, new() { ["field"] = field }).ConfigureAwait(false);
                return;
            }

            var (type, title, detail) = http.Response.StatusCode switch
            {
                401 => (ProblemTypes.Unauthenticated, "Authentification requise", "Présentez un jeton d'accès valide (en-tête Authorization: Bearer …)."),
                403 => (ProblemTypes.Forbidden, "Accès refusé", "Votre rôle ne permet pas cette opération."),
                404 => (ProblemTypes.NotFound, "Ressource introuvable", $"Aucune ressource à l'adresse « {http.Request.Path} »."),
                405 => (ProblemTypes.MethodNotAllowed, "Méthode non autorisée", $"La méthode {http.Request.Method} n'est pas acceptée à l'adresse « {http.Request.Path} »."),
                415 => (ProblemTypes.UnsupportedMediaType, "Type de contenu non pris en charge", "Envoyez le corps en JSON (Content-Type: application/json)."),
                _ => (null, null, null),
            };
            if (type is null)
            {
                return;
            }

            await Write(http, http.Response.StatusCode, type, title!, detail!, null).ConfigureAwait(false);
        });

    /// <summary>
    /// Whether a person's browser asked for a page (not the API, not a feed): it then gets an HTML page in
    /// French with a way back, where a program gets problem+json.
    /// </summary>
    internal static bool WantsPage(HttpContext http) =>
        !http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !http.Request.Path.StartsWithSegments("/calendars", StringComparison.OrdinalIgnoreCase)
        && http.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    private static string PageDetail(HttpContext http, int status, string? detail) => status switch
    {
        401 => "Connectez-vous pour ouvrir cette page.",
        403 => "Votre rôle ne donne pas accès à cette page.",
        404 => $"Aucune page à l'adresse « {http.Request.Path} ». Le lien est peut-être ancien, ou la saison n'existe pas.",
        500 => "Une erreur inattendue s'est produite ; elle a été journalisée. Réessayez dans un instant.",
        _ => detail ?? "La page n'a pas pu s'afficher.",
    };

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>An error page for a browser: the status, what happened in French, and the way back to the home page.</summary>
    private static Task WritePage(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        var html = $"""
            <!DOCTYPE html>
            <html lang="fr">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{Html.Encode(title)} — Saison</title><link rel="stylesheet" href="/static/saison.css"></head>
            <body><main id="contenu" class="error-page">
            <h1>{Html.Encode(title)}</h1>
            <p data-error-status="{status}">{Html.Encode(detail)}</p>
            <p>{(status == 401 ? "<a href=\"/connexion\">Se connecter</a> — " : string.Empty)}<a href="/accueil">Revenir à l'accueil</a></p>
            </main></body>
            </html>
            """;
        return http.Response.WriteAsync(html);
    }

    internal static Task Write(HttpContext http, int status, string type, string title, string detail, Dictionary<string, object?>? extensions)
    {
        var problem = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail, Instance = http.Request.Path };
        foreach (var (key, value) in extensions ?? [])
        {
            problem.Extensions[key] = value;
        }

        problem.Extensions["traceId"] = http.TraceIdentifier;
        http.Response.StatusCode = status;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }).AsTask();
    }

    /// <summary>A person's browser on a page (not the API, not a feed) gets a French HTML page with a way back.</summary>
    private sealed class BrowserPageWriter : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => WantsPage(context.HttpContext);

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            var title = context.ProblemDetails.Title ?? "Erreur";
            return new(WritePage(context.HttpContext, status, title, PageDetail(context.HttpContext, status, context.ProblemDetails.Detail)));
        }
    }

    /// <summary>problem+json even to a client that accepts only something else (never a 500 for an Accept header).</summary>
    private sealed class AlwaysJsonWriter : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => true;

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            var http = context.HttpContext;
            http.Response.ContentType = "application/problem+json; charset=utf-8";
            return new(JsonSerializer.SerializeAsync(http.Response.Body, context.ProblemDetails, ProblemJson, http.RequestAborted));
        }

        private static readonly JsonSerializerOptions ProblemJson = new(JsonSerializerDefaults.Web);
    }

    private sealed class SaisonExceptionHandler(ILogger<SaisonExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            var (status, type, title, detail, extensions) = exception switch
            {
                BadHttpRequestException { InnerException: JsonException json } => (400, ProblemTypes.MalformedJson, "JSON invalide", Describe(json), Field(json)),
                BadHttpRequestException bad when bad.StatusCode == 413 => (413, ProblemTypes.TooLarge, "Requête trop volumineuse", "Le corps de la requête dépasse la taille acceptée.", null),
                BadHttpRequestException bad when bad.StatusCode == 415 => (415, ProblemTypes.UnsupportedMediaType, "Type de contenu non pris en charge", "Envoyez le corps en JSON (Content-Type: application/json).", null),
                BadHttpRequestException bad => (400, ProblemTypes.Validation, "Requête invalide", Translate(bad), FieldOf(bad)),
                JsonException json => (400, ProblemTypes.MalformedJson, "JSON invalide", Describe(json), Field(json)),
                TableRuleViolationException rule => StorageRefusal(rule),
                TableStoreException { IsPreconditionFailed: true } => (412, ProblemTypes.PreconditionFailed, "Version périmée", "L'enregistrement a été modifié depuis votre lecture : relisez-le puis recommencez.", Field("If-Match")),
                TableStoreException { IsConflict: true } => (409, ProblemTypes.Conflict, "Conflit", "Un enregistrement avec cet identifiant existe déjà.", null),
                TableStoreException { IsNotFound: true } => (404, ProblemTypes.NotFound, "Ressource introuvable", "L'enregistrement demandé n'existe pas.", null),
                _ => (500, ProblemTypes.Internal, "Erreur interne", "Une erreur inattendue s'est produite ; elle a été journalisée.", null),
            };
            if (status == 500)
            {
                logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            }
            else
            {
                logger.LogInformation("Refused {Method} {Path}: {Status} {Type}", httpContext.Request.Method, httpContext.Request.Path, status, type);
            }

            await Write(httpContext, status, type, title, detail, extensions).ConfigureAwait(false);
            return true;
        }

        private static string Describe(JsonException json) =>
            json is InputRuleException rule
                ? (RuleField(rule) is { Length: > 0 } at ? $"Le champ « {at} » est refusé : {rule.Message}" : rule.Message)
                : UnknownField(json) is { } unknown
                ? $"Le champ « {unknown} » n'existe pas ici : retirez-le ou corrigez son nom."
                : json.Path is { Length: > 1 } path
                ? $"Le corps JSON est invalide au champ « {FieldName(path)} » (ligne {json.LineNumber + 1}) : valeur manquante, mal formée ou d'un type inattendu."
                : $"Le corps JSON est mal formé (ligne {json.LineNumber + 1}).";

        /// <summary>
        /// A limit of the store, said in the user's terms (the store's own message, in English, goes to the log
        /// only): an identifier it cannot hold, or a record too large to keep.
        /// </summary>
        private static (int, string, string, string, Dictionary<string, object?>?) StorageRefusal(TableRuleViolationException rule) => rule.Rule switch
        {
            "PartitionKey" or "RowKey" or "PartitionKeyRange" or "RowKeyRange" =>
                (400, ProblemTypes.Validation, "Identifiant invalide", "Cet identifiant ne peut pas être enregistré : il est trop long (plus de 1 024 octets) ou contient un caractère refusé (/, \\, #, ? ou un caractère de contrôle).", Field("id")),
            _ => (400, ProblemTypes.Validation, "Enregistrement trop volumineux", "L'enregistrement serait trop volumineux pour être conservé (1 Mio au plus par enregistrement, 32 000 caractères au plus par texte) : raccourcissez les textes ou les listes envoyés.", Field("body")),
        };

        /// <summary>The field a body has and its record does not (the serializer names it in English: "The JSON property 'x' could not be mapped…").</summary>
        private static string? UnknownField(JsonException json)
        {
            const string Marker = "The JSON property '";
            var start = json.Message.IndexOf(Marker, StringComparison.Ordinal);
            var end = start < 0 ? -1 : json.Message.IndexOf("' could not be mapped", start, StringComparison.Ordinal);
            return end < 0 ? null : json.Message[(start + Marker.Length)..end];
        }

        /// <summary>The field a refusal names: the path the serializer reached, then the member the rule names (<c>peaks[1]</c>).</summary>
        private static string RuleField(InputRuleException rule)
        {
            var path = rule.Path is { Length: > 1 } p ? FieldName(p) : string.Empty;
            return rule.Member is null ? path : path.Length == 0 ? rule.Member : path + "." + rule.Member;
        }

        private static Dictionary<string, object?> Field(JsonException json) =>
            json is InputRuleException rule
                ? new() { ["field"] = RuleField(rule) }
                : Field(json.Path);

        private static Dictionary<string, object?> Field(string? path) => new() { ["field"] = path is null ? null : FieldName(path) };

        private static string FieldName(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

        private static string Translate(BadHttpRequestException bad) =>
            bad.Message.Contains("Required parameter", StringComparison.Ordinal) || bad.Message.Contains("Implicit body", StringComparison.Ordinal)
                ? "Un paramètre ou le corps de la requête est manquant."
                : bad.Message.Contains("Failed to bind parameter", StringComparison.Ordinal)
                    ? "Un paramètre de la requête a une valeur invalide."
                    : "La requête est invalide.";

        private static Dictionary<string, object?>? FieldOf(BadHttpRequestException bad)
        {
            // Framework messages quote the parameter: Failed to bind parameter "int season" from "x".
            var start = bad.Message.IndexOf('"', StringComparison.Ordinal);
            var end = start < 0 ? -1 : bad.Message.IndexOf('"', start + 1);
            if (end <= start)
            {
                return null;
            }

            var quoted = bad.Message[(start + 1)..end];
            return new() { ["field"] = quoted.Split(' ').Last() };
        }
    }
}
