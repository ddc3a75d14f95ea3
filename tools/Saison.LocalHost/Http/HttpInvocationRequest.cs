using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Saison.LocalHost.Functions;

namespace Saison.LocalHost.Http;

/// <summary>
/// The InvocationRequest for an HTTP-triggered function: the trigger input as RpcHttp (without the body,
/// which reaches the worker through the forwarded request) and the trigger metadata the worker binds
/// parameters from: each route value, each query value, and <c>Query</c> and <c>Headers</c> as JSON.
/// </summary>
internal static class HttpInvocationRequest
{
    /// <summary>Builds the invocation of <paramref name="function"/> for the request in <paramref name="context"/>.</summary>
    public static InvocationRequest Create(LoadedFunction function, HttpContext context)
    {
        var request = context.Request;
        var invocation = Invocation.NewRequest(function);
        var http = new RpcHttp
        {
            Method = request.Method,
            Url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}",
        };

        foreach (var (name, values) in request.Headers)
        {
            http.NullableHeaders[name.ToLowerInvariant()] = new NullableString { Value = values.ToString() };
        }

        foreach (var (name, values) in request.Query)
        {
            http.NullableQuery[name] = new NullableString { Value = values.ToString() };
            invocation.TriggerMetadata[name] = new TypedData { String = values.ToString() };
        }

        // Route values win over query values of the same name, as in the Functions host.
        foreach (var (name, value) in request.RouteValues)
        {
            if (value is not null)
            {
                var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                http.NullableParams[name] = new NullableString { Value = text };
                invocation.TriggerMetadata[name] = new TypedData { String = text };
            }
        }

        invocation.TriggerMetadata["Query"] = Json(request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()));
        invocation.TriggerMetadata["Headers"] = Json(request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()));
        invocation.InputData.Add(new ParameterBinding { Name = function.Trigger.Name, Data = new TypedData { Http = http } });
        return invocation;
    }

    private static TypedData Json(Dictionary<string, string> values) => new() { Json = JsonSerializer.Serialize(values) };
}
