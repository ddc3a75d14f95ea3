namespace Saison.LocalHost.Http;

/// <summary>
/// The host's own answers, as RFC 9457 problem details (<c>application/problem+json</c>) in French, the
/// language of the app's users. They never carry a stack trace: the host's log has the details.
/// </summary>
internal static class Problems
{
    /// <summary>No function answers this path and method.</summary>
    public static IResult NotFound(HttpContext context) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        type: "about:blank",
        title: "Ressource introuvable",
        detail: $"Aucune fonction ne répond à {context.Request.Method} {context.Request.Path}.",
        instance: context.Request.Path);

    /// <summary>The function failed, or its worker could not run it.</summary>
    /// <param name="context">The request.</param>
    /// <param name="functionName">The function that failed.</param>
    /// <param name="invocationId">The invocation, to find it in the host's log.</param>
    public static IResult InternalError(HttpContext context, string functionName, string invocationId) => Results.Problem(
        statusCode: StatusCodes.Status500InternalServerError,
        type: "about:blank",
        title: "Erreur interne du serveur",
        detail: $"Erreur interne du serveur : la fonction « {functionName} » n’a pas pu traiter la demande. Réessayez plus tard.",
        instance: context.Request.Path,
        extensions: new Dictionary<string, object?> { ["invocationId"] = invocationId });

    /// <summary>The named function does not exist (admin endpoint).</summary>
    public static IResult UnknownFunction(string name) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        type: "about:blank",
        title: "Ressource introuvable",
        detail: $"Aucune fonction ne s’appelle « {name} ».");

    /// <summary>An HTTP function was asked to run through the admin endpoint.</summary>
    public static IResult NotInvocableByName(string name) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        type: "about:blank",
        title: "Requête incorrecte",
        detail: $"La fonction « {name} » répond à HTTP : appelez sa route.");
}
