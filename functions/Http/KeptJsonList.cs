using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Saison.Functions.Http;

/// <summary>
/// A 200 answer of a list (a JSON array) whose items keep the JSON they were first written as, for as long as the item
/// itself lives: a list whose items are the same instances from read to read (a page of requests, whose views the
/// application keeps while nothing they show changed) is written without serializing them again. The bytes are those
/// <c>Ok(items)</c> would write, with the app's JSON options.
/// </summary>
public sealed class KeptJsonList<T>(IReadOnlyList<T> items) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<IReadOnlyList<T>>, IContentTypeHttpResult
    where T : class
{
    // Per options instance (each app has its own), then per item.
    private static readonly ConditionalWeakTable<JsonSerializerOptions, ConditionalWeakTable<T, byte[]>> Written = new();

    private const int FlushBytes = 64 * 1024;

    public int? StatusCode => StatusCodes.Status200OK;

    public IReadOnlyList<T> Value { get; } = items;

    public string ContentType => "application/json; charset=utf-8";

    object? IValueHttpResult.Value => Value;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var written = Written.GetValue(options, _ => new());
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        var body = httpContext.Response.BodyWriter;
        var pending = 0;
        body.Write("["u8);
        for (var i = 0; i < Value.Count; i++)
        {
            if (i > 0)
            {
                body.Write(","u8);
            }

            var json = written.GetValue(Value[i], item => JsonSerializer.SerializeToUtf8Bytes(item, options));
            body.Write(json);
            pending += json.Length + 1;
            if (pending >= FlushBytes)
            {
                pending = 0;
                await body.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
            }
        }

        body.Write("]"u8);
        await body.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}
