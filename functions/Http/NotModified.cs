using Microsoft.AspNetCore.Http.Metadata;

namespace Saison.Functions.Http;

/// <summary>
/// Conditional reads: a GET whose record still has the ETag the caller names in <c>If-None-Match</c>
/// answers 304 without a body (a page or a client polling the plan does not download it again).
/// </summary>
public static class NotModified
{
    public static TBuilder WithConditionalReads<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context).ConfigureAwait(false);
            var http = context.HttpContext;
            return HttpMethods.IsGet(http.Request.Method)
                && result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK }
                && http.Response.Headers.ETag.ToString() is { Length: > 0 } etag
                && http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(tag => tag.Trim() == etag || tag.Trim() == "*"))
                ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
                : result;
        });
        return builder;
    }
}
