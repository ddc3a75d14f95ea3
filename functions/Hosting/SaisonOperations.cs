using System.Collections.Frozen;
using Microsoft.AspNetCore.Routing.Template;
using Saison.Functions.Http;
using Saison.Functions.Operations;

namespace Saison.Functions.Hosting;

/// <summary>
/// Every operation of the app, declared once as a named endpoint (route, method, roles, summary, handler)
/// by the areas' <c>Map…</c> methods, and the HTTP pipeline every HTTP function runs through
/// (problems, authentication, roles, body guard, form tokens). Each named endpoint is an Azure Function:
/// its <c>[Function]</c> method (the areas' <c>…Triggers</c> classes) has the same name, route and
/// methods, and runs the endpoint's handler. Nothing here serves HTTP: the Functions host routes requests
/// to the worker, and this class is what the worker runs for them.
/// </summary>
public sealed class SaisonOperations : IEndpointRouteBuilder
{
    private static readonly object InvokeKey = new();

    private readonly List<EndpointDataSource> _dataSources = [];
    private readonly Lazy<Built> _built;
    private readonly Lazy<RequestDelegate> _pipeline;

    public SaisonOperations(IServiceProvider services)
    {
        ServiceProvider = services;
        _built = new Lazy<Built>(Build);
        _pipeline = new Lazy<RequestDelegate>(BuildPipeline);
    }

    public IServiceProvider ServiceProvider { get; }

    public ICollection<EndpointDataSource> DataSources => _dataSources;

    /// <summary>The HTTP functions, by name (the endpoint's <c>WithName</c>).</summary>
    public IReadOnlyDictionary<string, RouteEndpoint> Functions => _built.Value.Functions;

    /// <summary>Named endpoints the areas declare, in a stable order (the function catalogue reads them).</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints => _built.Value.Endpoints;

    public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(ServiceProvider);

    /// <summary>
    /// Runs an HTTP function's request: the endpoint and its route values are set on the context, then the
    /// pipeline runs, and its last step is <paramref name="invokeFunction"/> (the worker's next step, which
    /// calls the function's method). A null endpoint runs the pipeline for an address no function serves.
    /// </summary>
    public Task RunAsync(HttpContext context, RouteEndpoint? endpoint, Func<Task>? invokeFunction)
    {
        ArgumentNullException.ThrowIfNull(context);
        var built = _built.Value;
        if (endpoint is not null)
        {
            context.SetEndpoint(endpoint);
            var values = new RouteValueDictionary();
            if (built.Matchers[endpoint].TryMatch(context.Request.Path, values))
            {
                context.Request.RouteValues = values;
            }
        }

        if (invokeFunction is not null)
        {
            context.Items[InvokeKey] = invokeFunction;
        }

        return _pipeline.Value(context);
    }

    /// <summary>Whether a function other than the catch-all serves <paramref name="path"/> (for another method, since this one did not match).</summary>
    public bool ServesOtherwise(PathString path)
    {
        var built = _built.Value;
        return built.Endpoints.Any(e => !e.RoutePattern.Parameters.Any(p => p.IsCatchAll) && built.Matchers[e].TryMatch(path, new RouteValueDictionary()));
    }

    /// <summary>What an HTTP function's method does: runs the handler of the endpoint its request was routed to.</summary>
    public static Task InvokeAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = request.HttpContext.GetEndpoint()
            ?? throw new InvalidOperationException("The request reached a function without its endpoint: is SaisonHttpMiddleware registered?");
        return endpoint.RequestDelegate!(request.HttpContext);
    }

    private Built Build()
    {
        this.MapOpenApi("/api/openapi.json").WithName("OpenApiDocument").AllowAnonymous();
        this.MapSystemFunctions();
        this.MapGroup(string.Empty).WithConditionalReads().MapSaisonAreas();

        var endpoints = _dataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null)
            .OrderBy(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, StringComparer.Ordinal)
            .ToList();
        var unnamed = _dataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        if (unnamed.Count > 0)
        {
            throw new InvalidOperationException($"Every endpoint is a function and needs a name (WithName): {string.Join(", ", unnamed)}.");
        }

        var functions = endpoints.ToFrozenDictionary(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, StringComparer.Ordinal);
        var matchers = endpoints.ToFrozenDictionary(
            e => e,
            e => new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText!.TrimStart('/')), new RouteValueDictionary(e.RoutePattern.Defaults)));
        return new Built(functions, endpoints, matchers);
    }

    // Built apart from the endpoints: the pipeline's middleware reads the endpoint list (authorization's policy cache).
    private RequestDelegate BuildPipeline()
    {
        var app = CreateApplicationBuilder();
        app.UseExceptionHandler();
        app.UseSaisonStatusProblems();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseBodyGuard();
        // After authentication: a page's form token is bound to the signed-in user.
        app.UseAntiforgery();
        app.Run(context =>
        {
            if (context.Items[InvokeKey] is Func<Task> invoke)
            {
                return invoke();
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return app.Build();
    }

    private sealed record Built(
        FrozenDictionary<string, RouteEndpoint> Functions,
        IReadOnlyList<RouteEndpoint> Endpoints,
        FrozenDictionary<RouteEndpoint, TemplateMatcher> Matchers);
}

public static class SaisonOperationsExtensions
{
    /// <summary>
    /// The operations, and the endpoint list ASP.NET Core's OpenAPI reads (the same endpoints: the document
    /// describes exactly the functions that run).
    /// </summary>
    public static IServiceCollection AddSaisonOperations(this IServiceCollection services)
    {
        services.AddRouting();
        services.AddSingleton<SaisonOperations>();
        services.AddSingleton<EndpointDataSource>(sp => new OperationsDataSource(sp.GetRequiredService<SaisonOperations>()));
        services.AddSingleton<FunctionCatalog>();
        return services;
    }

    private sealed class OperationsDataSource(SaisonOperations operations) : EndpointDataSource
    {
        public override IReadOnlyList<Endpoint> Endpoints => operations.Endpoints;

        public override Microsoft.Extensions.Primitives.IChangeToken GetChangeToken() => Microsoft.Extensions.FileProviders.NullChangeToken.Singleton;
    }
}
