using Azure;
using Saison.Application.Persistence;
using Saison.Functions.Http;

namespace Saison.Functions.Staff;

/// <summary>ETag and If-Match handling for the staff and leave functions.</summary>
internal static class HttpPreconditions
{
    /// <summary>The ETag the caller read, or null when If-Match is missing (428).</summary>
    public static ETag? IfMatch(HttpRequest request) => RecordHeaders.IfMatch(request);

    /// <summary>200 with the record and its ETag.</summary>
    public static IResult WithETag<T>(HttpContext context, Versioned<T> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        RecordHeaders.SetETag(context, record.ETag);
        return TypedResults.Ok(record.Value);
    }
}
