using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Saison.Calendars.Outlook;

/// <summary>
/// A JSON <c>$batch</c> (Graph's json-batching) written and read here, sent through the Graph
/// client's request adapter (its authentication and retry pipeline). Each step's url is used
/// exactly as given: build it with <see cref="GraphUrl"/>.
/// </summary>
public static class GraphBatch
{
    /// <summary>One request of a batch: its id, method, relative url (escaped) and event body, if any.</summary>
    public sealed record Step(string Id, string Method, string Url, Event? Body);

    /// <summary>The answer to one step: its status, the wait it asks for, and its body as JSON text.</summary>
    public sealed record Answer(HttpStatusCode Status, RetryConditionHeaderValue? RetryAfter, string? Body);

    /// <summary>Sends <paramref name="steps"/> (at most 20) as one <c>POST /$batch</c>; the answers by step id (a step may have none).</summary>
    public static async Task<Dictionary<string, Answer>> SendAsync(IRequestAdapter adapter, IReadOnlyList<Step> steps, string? prefer, ResendRecord? resend = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(steps);
        var request = new RequestInformation(Method.POST, "{+baseurl}/$batch", new Dictionary<string, object>());
        request.Headers.Add("Accept", "application/json");
        request.SetStreamContent(new MemoryStream(await WriteAsync(adapter, steps, prefer, cancellationToken).ConfigureAwait(false)), "application/json");
        if (resend is not null)
        {
            request.AddRequestOptions([resend]);
        }

        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        var stream = await adapter.SendPrimitiveAsync<Stream>(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return answers;
        }

        await using (stream.ConfigureAwait(false))
        {
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!document.RootElement.TryGetProperty("responses", out var responses) || responses.ValueKind != JsonValueKind.Array)
            {
                throw new JsonException("A $batch answer without 'responses'.");
            }

            foreach (var response in responses.EnumerateArray())
            {
                var id = response.GetProperty("id").GetString()!;
                var status = (HttpStatusCode)response.GetProperty("status").GetInt32();
                RetryConditionHeaderValue? retryAfter = null;
                if (response.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
                {
                    foreach (var header in headers.EnumerateObject())
                    {
                        if (header.Name.Equals("Retry-After", StringComparison.OrdinalIgnoreCase) && RetryConditionHeaderValue.TryParse(header.Value.ToString(), out var parsed))
                        {
                            retryAfter = parsed;
                        }
                    }
                }

                var body = response.TryGetProperty("body", out var content)
                    ? content.ValueKind == JsonValueKind.String ? content.GetString() : content.GetRawText()
                    : null;
                answers[id] = new Answer(status, retryAfter, body);
            }
        }

        return answers;
    }

    private static async Task<byte[]> WriteAsync(IRequestAdapter adapter, IReadOnlyList<Step> steps, string? prefer, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("requests");
            foreach (var step in steps)
            {
                json.WriteStartObject();
                json.WriteString("id", step.Id);
                json.WriteString("method", step.Method);
                json.WriteString("url", step.Url);
                json.WriteStartObject("headers");
                if (prefer is not null)
                {
                    json.WriteString("Prefer", prefer);
                }

                if (step.Body is not null)
                {
                    json.WriteString("Content-Type", "application/json");
                }

                json.WriteEndObject();
                if (step.Body is not null)
                {
                    // The SDK's own serializer: the body is what the typed client would send.
                    using var writer = adapter.SerializationWriterFactory.GetSerializationWriter("application/json");
                    writer.WriteObjectValue(null, step.Body);
                    using var content = writer.GetSerializedContent();
                    using var reader = new StreamReader(content);
                    json.WritePropertyName("body");
                    json.WriteRawValue(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

/// <summary>
/// Attached to a request, tells whether <see cref="ThrottlingRetryHandler"/> sent it again after an
/// answer that does not prove the first sending was not carried out (503, 504: unlike a 429, the
/// work may be done). For a <c>$batch</c> of creates it means: a copy may exist twice.
/// </summary>
public sealed class ResendRecord : IRequestOption
{
    /// <summary>True once the request was sent again after a 503 or 504.</summary>
    public bool AfterPossibleWork { get; set; }

    /// <summary>Times the request was sent again, for any reason.</summary>
    public int Resent { get; set; }
}
