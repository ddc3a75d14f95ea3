using Azure;
using Saison.Functions.Http;

namespace Saison.Functions.Logistics;

/// <summary>The If-Match precondition of the logistics functions.</summary>
internal static class LogisticsHttp
{
    /// <summary>The If-Match ETag of an update, or the 428 problem when it is missing.</summary>
    public static bool TryIfMatch(HttpRequest request, out ETag etag, out IResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RecordHeaders.IfMatch(request) is not { } ifMatch)
        {
            etag = default;
            problem = Problems.PreconditionRequired();
            return false;
        }

        etag = ifMatch;
        problem = null;
        return true;
    }
}
