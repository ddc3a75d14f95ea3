using System.Text;
using Microsoft.AspNetCore.Http.Metadata;

namespace Saison.Functions.Http;

/// <summary>
/// What an API write sends in its body, checked before the function runs: an action that takes no body
/// (confirm, publish, submit…) accepts nothing, whitespace or <c>{}</c>, and refuses anything else rather
/// than ignoring it. A function that reads a body declares what it accepts (JSON by default,
/// <c>.Accepts&lt;string&gt;("text/calendar")</c> for an import), and routing refuses any other type (415).
/// </summary>
public static class BodyGuard
{
    /// <summary>The most an empty action's body may hold (<c>{}</c> with some whitespace).</summary>
    /// <remarks>
    /// A body whose content type no function here reads gets routing's own 415 endpoint (not a route
    /// endpoint): it is left to it, and the 415 is written in French like every status.
    /// </remarks>
    private const int EmptyBodyLimit = 64;

    public static IApplicationBuilder UseBodyGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (await RefusalAsync(context).ConfigureAwait(false) is { } refusal)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    });

    private static async Task<IResult?> RefusalAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || context.GetEndpoint() is not RouteEndpoint endpoint
            || (request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any(t => t is not null && t.Contains("chunked", StringComparison.OrdinalIgnoreCase))))
        {
            return null;
        }

        if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
        {
            // A function that reads a body: routing has already matched its content type (JSON, or what it declares).
            return null;
        }

        var buffer = new byte[EmptyBodyLimit + 1];
        var read = 0;
        while (read < buffer.Length && await request.Body.ReadAsync(buffer.AsMemory(read), context.RequestAborted).ConfigureAwait(false) is > 0 and var count)
        {
            read += count;
        }

        var text = read > EmptyBodyLimit ? null : string.Concat(Encoding.UTF8.GetString(buffer, 0, read).Where(c => !char.IsWhiteSpace(c)));
        return text is "" or "{}"
            ? null
            : Problems.Validation("body", "Cette action ne prend pas de corps : envoyez la requête sans corps, ou avec {}.");
    }
}
