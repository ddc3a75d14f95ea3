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
/// Saison uses: events CRUD on user calendars with single-value extended properties and their
/// <c>$filter</c>, <c>transactionId</c> de-duplication, <c>$batch</c>, <c>sendMail</c>, and the Entra
/// token endpoint for client credentials; with injectable 429/503 answers and dropped connections.
/// </summary>
public sealed partial class FakeGraphServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<StoredEvent> _events = [];
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _maxInFlight = new(StringComparer.OrdinalIgnoreCase);
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

    /// <summary>When set, the token endpoint answers as Entra does for an expired client secret.</summary>
    public bool CredentialExpired { get; set; }

    public int TokensIssued;

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
    public StoredEvent AddUserEvent(string mailbox, string subject, string? propertyId = null, string? propertyValue = null)
    {
        var stored = new StoredEvent
        {
            Id = NewId(),
            Mailbox = mailbox,
            CalendarId = "default",
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

    private string NewId() => "AAMkImmutable-" + Interlocked.Increment(ref _ids).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Answer(int Status, JsonNode? Body, Dictionary<string, string>? Headers = null);

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

        if (!path.StartsWith("/v1.0/", StringComparison.Ordinal))
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

        var relative = path["/v1.0".Length..];
        JsonNode? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            body = await JsonNode.ParseAsync(context.Request.Body);
        }

        var fault = Faults?.Invoke(context.Request.Method, relative, false);
        var mailboxes = relative == "/$batch"
            ? body!["requests"]!.AsArray().Select(r => MailboxOf(r!["url"]!.GetValue<string>())).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList()
            : [.. new[] { MailboxOf(relative) }.OfType<string>()];
        var weight = relative == "/$batch" ? Math.Min(4, body!["requests"]!.AsArray().Count) : 1;
        foreach (var mailbox in mailboxes)
        {
            var now = _inFlight.AddOrUpdate(mailbox, weight, (_, n) => n + weight);
            _maxInFlight.AddOrUpdate(mailbox, now, (_, max) => Math.Max(max, now));
        }

        try
        {
            // Let concurrent requests overlap, so that the concurrency measure means something.
            await Task.Yield();
            if (fault?.Kind == FaultKind.DropBefore)
            {
                Requests.Enqueue(new SeenRequest(context.Request.Method, relative, false, mailboxes.FirstOrDefault(), context.Request.Headers["Prefer"].ToString()));
                context.Abort();
                return;
            }

            if (fault?.Kind is FaultKind.Throttle or FaultKind.Unavailable)
            {
                Requests.Enqueue(new SeenRequest(context.Request.Method, relative, false, mailboxes.FirstOrDefault(), context.Request.Headers["Prefer"].ToString()));
                await Write(context, Throttled(fault));
                return;
            }

            Answer answer;
            if (relative == "/$batch")
            {
                Requests.Enqueue(new SeenRequest("POST", relative, false, mailboxes.FirstOrDefault(), context.Request.Headers["Prefer"].ToString()));
                answer = Batch(body!.AsObject());
            }
            else
            {
                var query = context.Request.QueryString.Value ?? string.Empty;
                answer = Execute(context.Request.Method, relative + query, context.Request.Headers["Prefer"].ToString(), body, inBatch: false);
            }

            if (fault?.Kind == FaultKind.DropAfter)
            {
                context.Abort();
                return;
            }

            await Write(context, fault?.Kind == FaultKind.UnavailableAfterWork ? Throttled(fault with { Kind = FaultKind.Unavailable }) : answer);
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
            var url = request["url"]!.GetValue<string>();
            var prefer = request["headers"]?["Prefer"]?.GetValue<string>() ?? request["headers"]?["prefer"]?.GetValue<string>();
            var relative = url.StartsWith('/') ? url : "/" + url;
            var fault = Faults?.Invoke(method, relative.Split('?')[0], true);
            Answer answer;
            if (fault?.Kind is FaultKind.Throttle or FaultKind.Unavailable)
            {
                Requests.Enqueue(new SeenRequest(method, relative.Split('?')[0], true, MailboxOf(relative), prefer));
                answer = Throttled(fault);
            }
            else
            {
                answer = Execute(method, relative, prefer, request["body"]?.DeepClone(), inBatch: true);
            }

            var headers = new JsonObject { ["Content-Type"] = "application/json" };
            foreach (var (name, value) in answer.Headers ?? [])
            {
                headers[name] = value;
            }

            var item = new JsonObject { ["id"] = request["id"]!.GetValue<string>(), ["status"] = answer.Status, ["headers"] = headers };
            if (answer.Body is not null)
            {
                item["body"] = answer.Body;
            }

            responses.Add(item);
        }

        return new Answer(200, new JsonObject { ["responses"] = responses });
    }

    private static string? MailboxOf(string relative)
    {
        var match = UsersSegment().Match(relative);
        return match.Success ? Uri.UnescapeDataString(match.Groups[1].Value) : null;
    }

    private Answer Execute(string method, string pathAndQuery, string? prefer, JsonNode? body, bool inBatch)
    {
        var questionMark = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = questionMark < 0 ? pathAndQuery : pathAndQuery[..questionMark];
        var query = questionMark < 0 ? string.Empty : pathAndQuery[(questionMark + 1)..];
        var mailbox = MailboxOf(path);
        Requests.Enqueue(new SeenRequest(method, path, inBatch, mailbox, prefer));
        if (mailbox is null)
        {
            return new Answer(404, Error("ResourceNotFound", $"Unknown path {path}."));
        }

        if (path.Contains("/events", StringComparison.Ordinal) && prefer?.Contains("IdType=\"ImmutableId\"", StringComparison.Ordinal) != true)
        {
            Violations.Enqueue($"no Prefer IdType=\"ImmutableId\" on {method} {path}");
        }

        var rest = path[(path.IndexOf('/', "/users/".Length) is var i and > 0 ? i : path.Length)..];
        if (rest == "/sendMail" && method == "POST")
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

        var collection = CollectionPath().Match(rest);
        if (collection.Success)
        {
            var calendar = collection.Groups[1].Success ? Uri.UnescapeDataString(collection.Groups[1].Value) : "default";
            return method switch
            {
                "GET" => List(mailbox, calendar, Uri.UnescapeDataString(query.Replace('+', ' '))),
                "POST" => Create(mailbox, calendar, body!.AsObject()),
                _ => new Answer(405, Error("MethodNotAllowed", method)),
            };
        }

        var single = SinglePath().Match(rest);
        if (single.Success)
        {
            var id = Uri.UnescapeDataString(single.Groups[1].Value);
            lock (_gate)
            {
                var stored = _events.FirstOrDefault(e => e.Id == id && string.Equals(e.Mailbox, mailbox, StringComparison.OrdinalIgnoreCase));
                if (stored is null)
                {
                    return new Answer(404, Error("ErrorItemNotFound", "The specified object was not found in the store."));
                }

                switch (method)
                {
                    case "GET":
                        return new Answer(200, View(stored));
                    case "PATCH":
                        foreach (var (name, value) in body!.AsObject())
                        {
                            stored.Body[name] = value?.DeepClone();
                        }

                        return new Answer(200, View(stored));
                    case "DELETE":
                        _events.Remove(stored);
                        return new Answer(204, null);
                    default:
                        return new Answer(405, Error("MethodNotAllowed", method));
                }
            }
        }

        return new Answer(404, Error("ResourceNotFound", $"Unknown path {path}."));
    }

    private Answer Create(string mailbox, string calendar, JsonObject body)
    {
        var transactionId = body["transactionId"]?.GetValue<string>();
        var property = body["singleValueExtendedProperties"]?.AsArray().FirstOrDefault();
        lock (_gate)
        {
            // Graph recognises a retried POST by its transactionId.
            var earlier = transactionId is null ? null : _events.FirstOrDefault(e => e.TransactionId == transactionId && string.Equals(e.Mailbox, mailbox, StringComparison.OrdinalIgnoreCase));
            if (earlier is not null)
            {
                return new Answer(201, View(earlier));
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
            return new Answer(201, View(stored));
        }
    }

    private Answer List(string mailbox, string calendar, string query)
    {
        var filter = FilterPattern().Match(query);
        lock (_gate)
        {
            var found = _events.Where(e => string.Equals(e.Mailbox, mailbox, StringComparison.OrdinalIgnoreCase) && e.CalendarId == calendar);
            if (query.Contains("$filter", StringComparison.Ordinal))
            {
                if (!filter.Success)
                {
                    return new Answer(400, Error("BadRequest", "Unsupported filter: " + query));
                }

                var propertyId = filter.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal);
                var value = filter.Groups[2].Value.Replace("''", "'", StringComparison.Ordinal);
                found = found.Where(e => string.Equals(e.PropertyId, propertyId, StringComparison.OrdinalIgnoreCase) && e.PropertyValue == value);
            }

            return new Answer(200, new JsonObject { ["value"] = new JsonArray([.. found.Select(e => (JsonNode)new JsonObject { ["id"] = e.Id })]) });
        }
    }

    private static JsonObject View(StoredEvent stored)
    {
        var view = (JsonObject)stored.Body.DeepClone();
        view["id"] = stored.Id;
        return view;
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

    [GeneratedRegex("^/users/([^/?]+)")]
    private static partial Regex UsersSegment();

    [GeneratedRegex("^/(?:calendar|calendars/([^/]+))/events$")]
    private static partial Regex CollectionPath();

    [GeneratedRegex("^/(?:calendar/|calendars/[^/]+/)?events/([^/]+)$")]
    private static partial Regex SinglePath();

    [GeneratedRegex(@"singleValueExtendedProperties/Any\(ep: ep/id eq '((?:[^']|'')*)' and ep/value eq '((?:[^']|'')*)'\)")]
    private static partial Regex FilterPattern();
}
