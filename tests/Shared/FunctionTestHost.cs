using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Saison.Functions.Hosting;

namespace Saison.Testing;

/// <summary>
/// The function app in the test process, called as the Functions host calls it: each request is routed by
/// the <c>[Function]</c> methods' own triggers (route and methods, as <c>functions.metadata</c> gives them
/// to the host), runs through the same worker step as under the host (<see cref="SaisonOperations.RunAsync"/>),
/// and ends in the function's method. Same services as the worker (<see cref="FunctionApp.AddSaison"/>),
/// real storage, a clock the test holds. The gRPC path itself is tested with the local host
/// (Saison.Functions.Tests/Hosting).
/// </summary>
public sealed class FunctionTestHost : IAsyncDisposable, IDisposable
{
    private readonly WebApplication _app;

    private FunctionTestHost(WebApplication app, Uri? baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>The loopback address when started with Kestrel (browser tests); null in memory.</summary>
    public Uri? BaseAddress { get; }

    public TestServer? Server => _app.Services.GetService<IServer>() as TestServer;

    /// <summary>Starts the app: in memory (<paramref name="kestrel"/> false) or on a free loopback port.</summary>
    public static FunctionTestHost Start(string environment, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services, bool kestrel)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(FunctionApp).Assembly.GetName().Name,
        });
        FunctionApp.Configure(builder.Configuration, environment);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddFilter((Microsoft.Extensions.Logging.LogLevel level) => level >= Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.Services.AddSaison();
        services?.Invoke(builder.Services);
        if (kestrel)
        {
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        var app = builder.Build();
        MapFunctions(app);
        app.StartAsync().GetAwaiter().GetResult();
        Uri? address = null;
        if (kestrel)
        {
            address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }

        return new FunctionTestHost(app, address);
    }

    public HttpClient CreateClient(bool allowAutoRedirect = true)
    {
        if (BaseAddress is { } address)
        {
            return new HttpClient(new HttpClientHandler { AllowAutoRedirect = allowAutoRedirect }) { BaseAddress = address };
        }

        var server = Server!;
        HttpMessageHandler handler = server.CreateHandler();
        if (allowAutoRedirect)
        {
            handler = new RedirectingHandler(handler);
        }

        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost") };
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The HTTP functions of the app: <c>[Function]</c> methods with an <c>[HttpTrigger]</c>.</summary>
    public static IEnumerable<(string Name, string Route, string[] Methods, MethodInfo Method)> HttpTriggers() =>
        from type in typeof(FunctionApp).Assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        where function is not null
        let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(t => t is not null)
        where trigger is not null
        select (function.Name, trigger.Route ?? function.Name, trigger.Methods ?? ["get", "post"], method);

    private static void MapFunctions(WebApplication app)
    {
        var operations = app.Services.GetRequiredService<SaisonOperations>();
        // No explicit UseRouting: WebApplication then routes first and runs its own authorization step after
        // routing (on these anonymous endpoints), not before it with no endpoint.
        // What routing could not place (an unknown address, a method the address does not take) still gets
        // the app's answer: its problems, and its authentication first, as before any function runs.
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is RouteEndpoint { DisplayName: "Function" })
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            var status = context.GetEndpoint() is null ? StatusCodes.Status404NotFound : StatusCodes.Status405MethodNotAllowed;
            context.SetEndpoint(null);
            await operations.RunAsync(context, null, () =>
            {
                context.Response.StatusCode = status;
                return Task.CompletedTask;
            }).ConfigureAwait(false);
        });
        foreach (var (name, route, methods, method) in HttpTriggers())
        {
            // A trigger without its operation is left out here and reported by FunctionsHostTests.
            if (!operations.Functions.TryGetValue(name, out var endpoint))
            {
                continue;
            }

            app.MapMethods("/" + route, methods.Select(m => m.ToUpperInvariant()), context =>
                    operations.RunAsync(context, endpoint, () => CallAsync(method, context)))
                .WithDisplayName("Function")
                // WebApplication adds its own authorization step before these endpoints: it must let every
                // request through to the app's pipeline, which authorizes as under the host.
                .AllowAnonymous();
        }
    }

    /// <summary>Calls the function's method as the worker would: an instance from the container, the request bound.</summary>
    private static Task CallAsync(MethodInfo method, HttpContext context)
    {
        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(context.RequestServices, method.DeclaringType!);
        var arguments = method.GetParameters().Select(p => p.ParameterType == typeof(HttpRequest) ? context.Request
            : p.ParameterType == typeof(CancellationToken) ? (object)context.RequestAborted
            : throw new InvalidOperationException($"The test host cannot bind {method.Name}'s parameter {p.Name}.")).ToArray();
        try
        {
            return method.Invoke(target, arguments) as Task ?? Task.CompletedTask;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            return Task.FromException(e.InnerException);
        }
    }

    /// <summary>Follows redirects for the in-memory server, as a browser or HttpClient would.</summary>
    private sealed class RedirectingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            for (var hops = 0; hops < 10 && (int)response.StatusCode is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location; hops++)
            {
                var next = new HttpRequestMessage((int)response.StatusCode is 307 or 308 ? request.Method : HttpMethod.Get, new Uri(request.RequestUri!, location));
                foreach (var header in request.Headers)
                {
                    next.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                response.Dispose();
                request = next;
                response = await base.SendAsync(next, cancellationToken).ConfigureAwait(false);
            }

            return response;
        }
    }
}
