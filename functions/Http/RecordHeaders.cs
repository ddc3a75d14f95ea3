using Azure;
using Microsoft.Net.Http.Headers;

namespace Saison.Functions.Http;

/// <summary>The record-version headers every area uses: the ETag a response carries, the If-Match an update sends.</summary>
public static class RecordHeaders
{
    /// <summary>The If-Match header as an ETag, or <c>null</c> when the caller sent none (the area answers 428).</summary>
    public static ETag? IfMatch(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Headers[HeaderNames.IfMatch].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : new ETag(value.Trim());
    }

    /// <summary>Sets the response's ETag to the version of the record it returns.</summary>
    public static void SetETag(HttpContext context, ETag etag)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers[HeaderNames.ETag] = etag.ToString();
    }
}
