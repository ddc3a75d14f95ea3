using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Saison.LocalHost.Tests.Worker;

/// <summary>HTTP functions that echo what the host handed them, so tests can check it arrived.</summary>
public static class Greetings
{
    /// <summary>Route values (one with a constraint) bound as parameters, and the query.</summary>
    [Function("Hello")]
    public static IResult Hello(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "seasons/{season:int}/greetings/{name}")] HttpRequest request,
        int season,
        string name) =>
        Results.Ok(new { season, name, lang = request.Query["lang"].ToString(), host = request.Host.Value });

    /// <summary>A JSON body in, a 201 with a header and a body out.</summary>
    [Function("Echo")]
    public static async Task<IResult> Echo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "echo")] HttpRequest request)
    {
        using var body = await JsonDocument.ParseAsync(request.Body);
        request.HttpContext.Response.Headers["X-Echo"] = "oui";
        return Results.Created("/api/echo/1", new { received = body.RootElement.Clone(), contentType = request.ContentType });
    }

    /// <summary>An optional route value.</summary>
    [Function("Optional")]
    public static IResult Optional(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/{id?}")] HttpRequest request) =>
        Results.Ok(new { id = request.RouteValues.TryGetValue("id", out var id) ? id?.ToString() : null });

    /// <summary>A catch-all route value.</summary>
    [Function("Files")]
    public static IResult Files(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "files/{*path}")] HttpRequest request,
        string path) =>
        Results.Text(path, "text/plain");

    /// <summary>A large answer (more than the host holds back while it waits for the outcome).</summary>
    [Function("Large")]
    public static IResult Large(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "large/{kilobytes:int}")] HttpRequest request,
        int kilobytes) =>
        Results.Bytes(Enumerable.Repeat((byte)'s', kilobytes * 1024).ToArray(), "application/octet-stream");

    /// <summary>Counts the bytes of a large request body.</summary>
    [Function("Count")]
    public static async Task<IResult> Count(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "count")] HttpRequest request)
    {
        long total = 0;
        var buffer = new byte[64 * 1024];
        for (int read; (read = await request.Body.ReadAsync(buffer)) > 0;)
        {
            total += read;
        }

        return Results.Ok(new { bytes = total });
    }

    /// <summary>Always throws: the host must answer a French 500 problem, without the exception.</summary>
    [Function("Broken")]
    public static IResult Broken(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "broken")] HttpRequest request) =>
        throw new InvalidOperationException("secret detail that must not leak");
}
