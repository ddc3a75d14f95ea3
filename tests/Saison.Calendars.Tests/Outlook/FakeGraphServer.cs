using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Saison.Calendars.Tests.Outlook;

/// <summary>What the server does to one request instead of (or after) answering it normally.</summary>
public enum FaultKind
{
    /// <summary>429 with a Retry-After, nothing done.</summary>
    Throttle,

    /// <summary>503 with a Retry-After, nothing done.</summary>
    Unavailable,

    /// <summary>The work is done, then 503 (the client cannot know it was done).</summary>
    UnavailableAfterWork,

    /// <summary>The connection drops before anything is done (top-level requests only).</summary>
    DropBefore,

    /// <summary>The work is done, then the connection drops (top-level requests only).</summary>
    DropAfter,

    /// <summary>The work is done, then 504 Gateway Timeout: the answer timed out on the way.</summary>
    TimeoutAfterWork,

    /// <summary>The work is done and the step gets no answer in the batch (inner requests only).</summary>
    OmitAnswer,
}

public sealed record Fault(FaultKind Kind, int RetryAfterSeconds = 1);

/// <summary>A request as the server saw it (inner requests of a batch included, marked).</summary>
public sealed record SeenRequest(string Method, string Path, bool InBatch, string? Mailbox, string? Prefer);

/// <summary>An event stored in a mailbox.</summary>
public sealed class StoredEvent
{
    public required string Id { get; init; }

    public required string Mailbox { get; init; }

    public required string CalendarId { get; init; }

    public required JsonObject Body { get; set; }

    public string? TransactionId { get; init; }

    /// <summary>Value of the extended property whose id is <see cref="PropertyId"/>, if any.</summary>
    public string? PropertyId { get; init; }

    public string? PropertyValue { get; init; }

    public string? Subject => Body["subject"]?.GetValue<string>();
}

/// <summary>
/// A Microsoft Graph–compatible server on loopback (HTTPS, self-signed), implementing the subset
/// Saison uses: events CRUD on user calendars with single-value extended properties (created with
/// the event, filtered on with <c>$filter</c>, returned with <c>$expand</c>), paged listings
/// (<c>$top</c>, <c>@odata.nextLink</c>), <c>transactionId</c> de-duplication, JSON <c>$batch</c>,
/// <c>sendMail</c>, and the Entra token endpoint for client credentials. It reads urls as Graph does
/// (a <c>#</c> ends the url, <c>&amp;</c> separates options, <c>+</c> in a query is a space, each path
/// segment percent-decoded; a property value compares case-insensitively) and gives event ids with
/// <c>+</c>, <c>/</c> and <c>=</c>, so an unescaped value goes wrong here as it would there. Faults:
/// 429/503 before the work, answers lost after it (dropped connection, 503, 504, a step left without
/// answer) on single calls and on <c>$batch</c>es and their steps, and a mode that ignores transactionId.
/// </summary>
public sealed partial class FakeGraphServer : IAsyncDisposable
{
    private const int DefaultPageSize = 10;
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<StoredEvent> _events = [];
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _maxInFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _faultsFired = new(StringComparer.Ordinal);
    private int _ids;

    private FakeGraphServer(WebApplication app, X509Certificate2 certificate, Uri root)
    {
        _app = app;
        Certificate = certificate;
        Root = root;
    }

    public X509Certificate2 Certificate { get; }

    public Uri Root { get; }

    public Uri GraphBaseUrl => new(Root, "v1.0");

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public ConcurrentQueue<JsonObject> SentMail { get; } = new();

    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>Decides a fault for a request (method, path, in batch), or none.</summary>
    public Func<string, string, bool, Fault?>? Faults { get; set; }

    /// <summary>When set, a create is never recognised by its transactionId: a POST sent again makes a second event.</summary>
    public bool IgnoreTransactionId { get; set; }

    /// <summary>When set, the token endpoint answers as Entra does for an expired client secret.</summary>
    public bool CredentialExpired { get; set; }

    public int TokensIssued;

    /// <summary>Faults that fired, by <c>kind</c> and <c>kind:batch</c> / <c>kind:step</c> / <c>kind:single</c>.</summary>
    public int FaultsFired(FaultKind kind, string? where = null) => _faultsFired.GetValueOrDefault(where is null ? kind.ToString() : $"{kind}:{where}");

    /// <summary>Answers lost after the work was done: of whole <c>$batch</c>es, of their steps, of single calls.</summary>
    public int LostAnswers(string where) =>
        new[] { FaultKind.DropAfter, FaultKind.UnavailableAfterWork, FaultKind.TimeoutAfterWork, FaultKind.OmitAnswer }.Sum(k => FaultsFired(k, where));

    public static async Task<FakeGraphServer> StartAsync()
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        FakeGraphServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeGraphServer(app, certificate, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/"));
        return server;
    }

    /// <summary>A client handler that trusts this server's certificate (and only it).</summary>
    public HttpMessageHandler ClientHandler()
    {
        var thumbprint = Certificate.GetCertHashString();
        return new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == thumbprint },
        };
    }

    public int MaxConcurrency(string mailbox) => _maxInFlight.GetValueOrDefault(mailbox);

    public IReadOnlyList<StoredEvent> Events(string mailbox)
    {
        lock (_gate)
        {
            return [.. _events.Where(e => string.Equals(e.Mailbox, mailbox, StringComparison.OrdinalIgnoreCase))];
        }
    }

    /// <summary>An event a person created in Outlook (no Saison property, or another one).</summary>
    public StoredEvent AddUserEvent(string mailbox, string subject, string? propertyId = null, string? propertyValue = null, string calendarId = "default")
    {
        var stored = new StoredEvent
        {
            Id = NewId(),
            Mailbox = mailbox,
            CalendarId = calendarId,
            Body = new JsonObject { ["subject"] = subject, ["start"] = new JsonObject { ["dateTime"] = "2027-07-01T10:00:00", ["timeZone"] = "Europe/Paris" } },
            PropertyId = propertyId,
            PropertyValue = propertyValue,
        };
        lock (_gate)
        {
            _events.Add(stored);
        }

        return stored;
    }

    public void DeleteEvent(string id)
    {
        lock (_gate)
        {
            _events.RemoveAll(e => e.Id == id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    // Generating an RSA key is the slow part of starting: one per test run.
    private static readonly Lazy<byte[]> Pfx = new(CreatePfx);

    private static X509Certificate2 SelfSigned() => X509CertificateLoader.LoadPkcs12(Pfx.Value, null);

    private static byte[] CreatePfx()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.Export(X509ContentType.Pfx);
    }

    // Ids with characters that must be escaped in a path, as base64 ids have.
    private string NewId() => "AAMkImm+" + Interlocked.Increment(ref _ids).ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + "/Ag==";

    private void Fired(FaultKind kind, string where)
    {
        _faultsFired.AddOrUpdate(kind.ToString(), 1, (_, n) => n + 1);
        _faultsFired.AddOrUpdate($"{kind}:{where}", 1, (_, n) => n + 1);
    }

    private sealed record Answer(int Status, JsonNode? Body, Dictionary<string, string>? Headers = null);

    /// <summary>A url as Graph reads it: path segments decoded one by one, query options split on '&amp;' then decoded ('+' is a space), nothing after '#'.</summary>
    private sealed record GraphRequestUrl(string Path, IReadOnlyList<string> Segments, IReadOnlyDictionary<string, string> Query)
    {
        public string? Mailbox => Segments.Count >= 2 && Segments[0] == "users" ? Segments[1] : null;

        public static GraphRequestUrl Parse(string raw)
        {
            var fragment = raw.IndexOf('#', StringComparison.Ordinal);
            if (fragment >= 0)
            {
                raw = raw[..fragment];
            }

            var questionMark = raw.IndexOf('?', StringComparison.Ordinal);
            var path = questionMark < 0 ? raw : raw[..questionMark];
            var query = new Dictionary<string, string>(StringComparer.Ordinal);
            if (questionMark >= 0)
            {
                foreach (var option in raw[(questionMark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = option.IndexOf('=', StringComparison.Ordinal);
                    var name = Decode(equals < 0 ? option : option[..equals]);
                    query[name] = equals < 0 ? string.Empty : Decode(option[(equals + 1)..]);
                }
            }

            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
            return new GraphRequestUrl(path, segments, query);
        }

        private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            await TokenAsync(context);
            return;
        }

        if (path.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal))
        {
            var tenant = path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];
            await context.Response.WriteAsJsonAsync(new
            {
                token_endpoint = new Uri(Root, $"{tenant}/oauth2/v2.0/token").ToString(),
                authorization_endpoint = new Uri(Root, $"{tenant}/oauth2/v2.0/authorize").ToString(),
                issuer = new Uri(Root, $"{tenant}/v2.0").ToString(),
            });
            return;
        }

        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        if (!rawTarget.StartsWith("/v1.0/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (context.Request.Headers.Authorization.ToString() != "Bearer fake-graph-token")
        {
            Violations.Enqueue($"no bearer token on {context.Request.Method} {path}");
            await Write(context, new Answer(401, Error("InvalidAuthenticationToken", "Access token is empty.")));
            return;
        }

        var relative = rawTarget["/v1.0".Length..];
        var url = GraphRequestUrl.Parse(relative);
        var isBatch = url.Path == "/$batch";
        JsonNode? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            body = await JsonNode.ParseAsync(context.Request.Body);
        }

        var fault = Faults?.Invoke(context.Request.Method, url.Path, false);
        var mailboxes = isBatch
            ? body!["requests"]!.AsArray().Select(r => GraphRequestUrl.Parse(Rooted(r!["url"]!.GetValue<string>())).Mailbox).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList()
            : [.. new[] { url.Mailbox }.OfType<string>()];
        var weight = isBatch ? Math.Min(4, body!["requests"]!.AsArray().Count) : 1;
        foreach (var mailbox in mailboxes)
        {
            var now = _inFlight.AddOrUpdate(mailbox, weight, (_, n) => n + weight);
            _maxInFlight.AddOrUpdate(mailbox, now, (_, max) => Math.Max(max, now));
        }

        var where = isBatch ? "batch" : "single";
        try
        {
            // Let concurrent requests overlap, so that the concurrency measure means something.
            await Task.Yield();
            var prefer = context.Request.Headers["Prefer"].ToString();
            if (fault?.Kind is FaultKind.DropBefore or FaultKind.Throttle or FaultKind.Unavailable)
            {
                Fired(fault.Kind, where);
                Requests.Enqueue(new SeenRequest(context.Request.Method, url.Path, false, mailboxes.FirstOrDefault(), prefer));
                if (fault.Kind == FaultKind.DropBefore)
                {
                    context.Abort();
                }
                else
                {
                    await Write(context, Throttled(fault));
                }

                return;
            }

            Answer answer;
            if (isBatch)
            {
                Requests.Enqueue(new SeenRequest("POST", url.Path, false, mailboxes.FirstOrDefault(), prefer));
                answer = Batch(body!.AsObject());
            }
            else
            {
                answer = Execute(context.Request.Method, url, prefer, body, inBatch: false);
            }

            switch (fault?.Kind)
            {
                case FaultKind.DropAfter:
                    Fired(fault.Kind, where);
                    context.Abort();
                    return;
                case FaultKind.UnavailableAfterWork or FaultKind.TimeoutAfterWork:
                    Fired(fault.Kind, where);
                    answer = AfterWork(fault);
                    break;
            }

            await Write(context, answer);
        }
        finally
        {
            foreach (var mailbox in mailboxes)
            {
                _inFlight.AddOrUpdate(mailbox, 0, (_, n) => n - weight);
            }
        }
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (form["grant_type"] != "client_credentials" || string.IsNullOrEmpty(form["client_secret"]))
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new { error = "invalid_request", error_description = "AADSTS900144: client credentials expected." });
            return;
        }

        if (CredentialExpired)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new
            {
                error = "invalid_client",
                error_description = $"AADSTS7000222: The provided client secret keys for app '{form["client_id"]}' are expired. Visit the Azure portal to create new keys for your app.",
                error_codes = new[] { 7000222 },
            });
            return;
        }

        Interlocked.Increment(ref TokensIssued);
        await context.Response.WriteAsJsonAsync(new { token_type = "Bearer", expires_in = 3599, ext_expires_in = 3599, access_token = "fake-graph-token" });
    }

    private static Answer Throttled(Fault fault) =>
        new(fault.Kind == FaultKind.Throttle ? 429 : 503, Error(fault.Kind == FaultKind.Throttle ? "ApplicationThrottled" : "ServiceUnavailable", "Try again later."),
            new Dictionary<string, string> { ["Retry-After"] = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static Answer AfterWork(Fault fault) => fault.Kind == FaultKind.TimeoutAfterWork
        ? new Answer(504, Error("GatewayTimeout", "The request timed out."))
        : Throttled(fault with { Kind = FaultKind.Unavailable });

    private static string Rooted(string url) => url.StartsWith('/') ? url : "/" + url;

    private Answer Batch(JsonObject batch)
    {
        var requests = batch["requests"]!.AsArray();
        if (requests.Count > 20)
        {
            Violations.Enqueue($"batch of {requests.Count} requests");
            return new Answer(400, Error("BadRequest", "A batch holds at most 20 requests."));
        }

        var ids = requests.Select(r => r!["id"]!.GetValue<string>()).ToList();
        if (ids.Distinct().Count() != ids.Count)
        {
            Violations.Enqueue("batch with duplicate ids");
        }

        var responses = new JsonArray();
        foreach (var request in requests)
        {
            var method = request!["method"]!.GetValue<string>();
            var raw = Rooted(request["url"]!.GetValue<string>());
            if (raw.Any(c => c is '#' or ' ' or '"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}' or > '~' or < '!'))
            {
                Violations.Enqueue($"unescaped character in a batch url: {raw}");
            }

            var headers = request["headers"]?.AsObject();
            var prefer = headers?.FirstOrDefault(h => h.Key.Equals("Prefer", StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>();
            var url = GraphRequestUrl.Parse(raw);
            var fault = Faults?.Invoke(method, url.Path, true);
            Answer answer;
            if (fault?.Kind is FaultKind.Throttle or FaultKind.Unavailable)
            {
                Fired(fault.Kind, "step");
                Requests.Enqueue(new SeenRequest(method, url.Path, true, url.Mailbox, prefer));
                answer = Throttled(fault);
            }
            else
            {
                answer = Execute(method, url, prefer, request["body"]?.DeepClone(), inBatch: true);
                if (fault?.Kind is FaultKind.OmitAnswer)
                {
                    Fired(fault.Kind, "step");
                    continue;
                }

                if (fault?.Kind is FaultKind.UnavailableAfterWork or FaultKind.TimeoutAfterWork)
                {
                    Fired(fault.Kind, "step");
                    answer = AfterWork(fault);
                }
            }

            var answerHeaders = new JsonObject { ["Content-Type"] = "application/json" };
            foreach (var (name, value) in answer.Headers ?? [])
            {
                answerHeaders[name] = value;
            }

            var item = new JsonObject { ["id"] = request["id"]!.GetValue<string>(), ["status"] = answer.Status, ["headers"] = answerHeaders };
            if (answer.Body is not null)
            {
                item["body"] = answer.Body;
            }

            responses.Add(item);
        }

        return new Answer(200, new JsonObject { ["responses"] = responses });
    }

    private Answer Execute(string method, GraphRequestUrl url, string? prefer, JsonNode? body, bool inBatch)
    {
        var mailbox = url.Mailbox;
        Requests.Enqueue(new SeenRequest(method, url.Path, inBatch, mailbox, prefer));
        if (mailbox is null)
        {
            return new Answer(404, Error("ResourceNotFound", $"Unknown path {url.Path}."));
        }

        var rest = url.Segments.Skip(2).ToList();
        if (rest.Count > 0 && rest[^1] != "sendMail" && !rest.Contains("sendMail") && prefer?.Contains("IdType=\"ImmutableId\"", StringComparison.Ordinal) != true)
        {
            Violations.Enqueue($"no Prefer IdType=\"ImmutableId\" on {method} {url.Path}");
        }

        if (rest is ["sendMail"] && method == "POST")
        {
            // The SDK writes this body's properties capitalised; Graph reads them case-insensitively.
            var sent = body!.AsObject();
            var mail = new JsonObject
            {
                ["message"] = (sent["message"] ?? sent["Message"])?.DeepClone(),
                ["saveToSentItems"] = (sent["saveToSentItems"] ?? sent["SaveToSentItems"])?.DeepClone(),
                ["from"] = mailbox,
            };
            SentMail.Enqueue(mail);
            return new Answer(202, null);
        }

        string? calendar = rest switch
        {
            ["calendar", "events"] => "default",
            ["calendars", var id, "events"] => id,
            _ => null,
        };
        if (calendar is not null)
        {
            return method switch
            {
                "GET" => List(mailbox, calendar, url),
                "POST" => Create(mailbox, calendar, body!.AsObject()),
                _ => new Answer(405, Error("MethodNotAllowed", method)),
            };
        }

        string? eventId = rest switch
        {
            ["events", var id] => id,
            ["calendar", "events", var id] => id,
            ["calendars", _, "events", var id] => id,
            _ => null,
        };
        if (eventId is null)
        {
            return new Answer(404, Error("ResourceNotFound", $"Unknown path {url.Path}."));
        }

        lock (_gate)
        {
            var stored = _events.FirstOrDefault(e => e.Id == eventId && string.Equals(e.Mailbox, mailbox, StringComparison.OrdinalIgnoreCase));
            if (stored is null)
            {
                return new Answer(404, Error("ErrorItemNotFound", "The specified object was not found in the store."));
            }

            switch (method)
            {
                case "GET":
                    return new Answer(200, View(stored, null));
                case "PATCH":
                    foreach (var (name, value) in body!.AsObject())
                    {
                        stored.Body[name] = value?.DeepClone();
                    }

                    return new Answer(200, View(stored, null));
                case "DELETE":
                    _events.Remove(stored);
                    return new Answer(204, null);
                default:
                    return new Answer(405, Error("MethodNotAllowed", method));
            }
        }
    }

    private Answer Create(string mailbox, string calendar, JsonObject body)
    {
        var transactionId = body["transactionId"]?.GetValue<string>();
        var property = body["singleValueExtendedProperties"]?.AsArray().FirstOrDefault();
        lock (_gate)
        {
            // Graph recognises a retried POST by its transactionId (unless told to forget it).
            var earlier = transactionId is null || IgnoreTransactionId ? null : _events.FirstOrDefault(e => e.TransactionId == transactionId && string.Equals(e.Mailbox, mailbox, StringComparison.OrdinalIgnoreCase));
            if (earlier is not null)
            {
                return new Answer(201, View(earlier, null));
            }

            var stored = new StoredEvent
            {
                Id = NewId(),
                Mailbox = mailbox,
                CalendarId = calendar,
                Body = (JsonObject)body.DeepClone(),
                TransactionId = transactionId,
                PropertyId = property?["id"]?.GetValue<string>(),
                PropertyValue = property?["value"]?.GetValue<string>(),
            };
            stored.Body.Remove("singleValueExtendedProperties");
            _events.Add(stored);
            return new Answer(201, View(stored, null));
        }
    }

    private Answer List(string mailbox, string calendar, GraphRequestUrl url)
    {
        lock (_gate)
        {
            var found = _events.Where(e => string.Equals(e.Mailbox, mailbox, StringComparison.OrdinalIgnoreCase) && e.CalendarId == calendar);
            if (url.Query.TryGetValue("$filter", out var filterText))
            {
                var filter = FilterPattern().Match(filterText);
                if (filter.Success)
                {
                    // Property ids compare exactly on their name; values case-insensitively (as Graph does).
                    var propertyId = filter.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal);
                    var value = filter.Groups[2].Success ? filter.Groups[2].Value.Replace("''", "'", StringComparison.Ordinal) : null;
                    found = found.Where(e => string.Equals(e.PropertyId, propertyId, StringComparison.OrdinalIgnoreCase) && e.PropertyValue is not null
                        && (value is null || string.Equals(e.PropertyValue, value, StringComparison.OrdinalIgnoreCase)));
                }
                else
                {
                    // As the stand-in that showed the bug: a filter it cannot read is ignored.
                    Violations.Enqueue($"unreadable $filter: {filterText}");
                }
            }

            string? expanded = null;
            if (url.Query.TryGetValue("$expand", out var expand))
            {
                var match = ExpandPattern().Match(expand);
                if (!match.Success)
                {
                    return new Answer(400, Error("BadRequest", "Unsupported $expand: " + expand));
                }

                expanded = match.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal);
            }

            var top = url.Query.TryGetValue("$top", out var topText) ? int.Parse(topText, System.Globalization.CultureInfo.InvariantCulture) : DefaultPageSize;
            var skip = url.Query.TryGetValue("$skip", out var skipText) ? int.Parse(skipText, System.Globalization.CultureInfo.InvariantCulture) : 0;
            var all = found.OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
            var onlyId = url.Query.TryGetValue("$select", out var select) && select == "id";
            var page = new JsonArray([.. all.Skip(skip).Take(top).Select(e => (JsonNode)(onlyId ? IdView(e, expanded) : View(e, expanded)))]);
            var result = new JsonObject { ["value"] = page };
            if (skip + top < all.Count)
            {
                var options = url.Query.Where(q => q.Key != "$skip").Append(new("$skip", (skip + top).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                result["@odata.nextLink"] = GraphBaseUrl + url.Path + "?" + string.Join("&", options.Select(o => o.Key + "=" + Uri.EscapeDataString(o.Value)));
            }

            return new Answer(200, result);
        }
    }

    private static JsonObject IdView(StoredEvent stored, string? expanded)
    {
        var view = new JsonObject { ["id"] = stored.Id };
        Expand(view, stored, expanded);
        return view;
    }

    private static JsonObject View(StoredEvent stored, string? expanded)
    {
        var view = (JsonObject)stored.Body.DeepClone();
        view["id"] = stored.Id;
        Expand(view, stored, expanded);
        return view;
    }

    private static void Expand(JsonObject view, StoredEvent stored, string? expanded)
    {
        if (expanded is not null)
        {
            view["singleValueExtendedProperties"] = string.Equals(stored.PropertyId, expanded, StringComparison.OrdinalIgnoreCase) && stored.PropertyValue is not null
                ? new JsonArray(new JsonObject { ["id"] = stored.PropertyId, ["value"] = stored.PropertyValue })
                : new JsonArray();
        }
    }

    private static JsonObject Error(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static async Task Write(HttpContext context, Answer answer)
    {
        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? [])
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body.ToJsonString());
        }
    }

    [GeneratedRegex(@"^singleValueExtendedProperties/Any\(ep: ep/id eq '((?:[^']|'')*)'(?: and ep/value eq '((?:[^']|'')*)')?\)$")]
    private static partial Regex FilterPattern();

    [GeneratedRegex(@"^singleValueExtendedProperties\(\$filter=id eq '((?:[^']|'')*)'\)$")]
    private static partial Regex ExpandPattern();
}
