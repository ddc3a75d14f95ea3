using System.Text.Json;
using System.Text.Json.Nodes;

namespace Saison.LocalHost.App;

/// <summary>
/// A published isolated-worker app as the Functions host finds it: <c>worker.config.json</c> says how to
/// start the worker, <c>host.json</c> the HTTP route prefix, <c>functions.metadata</c> what the app declares.
/// </summary>
internal sealed class FunctionAppDirectory
{
    /// <summary>The route prefix when host.json sets none (the Functions host's default).</summary>
    public const string DefaultRoutePrefix = "api";

    private static readonly JsonDocumentOptions Lenient = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private FunctionAppDirectory(string path, WorkerDescription worker, string routePrefix, IReadOnlyList<string> declaredFunctions)
    {
        Path = path;
        Worker = worker;
        RoutePrefix = routePrefix;
        DeclaredFunctions = declaredFunctions;
    }

    /// <summary>The folder's full path: the worker's working directory and <c>FUNCTIONS_APPLICATION_DIRECTORY</c>.</summary>
    public string Path { get; }

    /// <summary>How to start the worker (from worker.config.json).</summary>
    public WorkerDescription Worker { get; }

    /// <summary>The prefix of every HTTP route, without slashes; empty for none.</summary>
    public string RoutePrefix { get; }

    /// <summary>The function names listed in functions.metadata, as the build wrote them.</summary>
    public IReadOnlyList<string> DeclaredFunctions { get; }

    /// <summary>Reads the folder.</summary>
    /// <exception cref="InvalidOperationException">The folder is not a published isolated-worker app.</exception>
    public static FunctionAppDirectory Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new InvalidOperationException($"Function app folder '{full}' does not exist.");
        }

        var workerConfig = ReadJson(full, "worker.config.json")
            ?? throw new InvalidOperationException($"'{full}' has no worker.config.json: publish the function app first (dotnet publish).");
        var metadata = ReadJson(full, "functions.metadata")
            ?? throw new InvalidOperationException($"'{full}' has no functions.metadata: is it an isolated-worker app built with Microsoft.Azure.Functions.Worker.Sdk?");
        var hostJson = ReadJson(full, "host.json");

        return new FunctionAppDirectory(
            full,
            WorkerDescription.From(workerConfig, full),
            ReadRoutePrefix(hostJson),
            metadata.AsArray().Select(f => (string?)f?["name"]).OfType<string>().ToList());
    }

    /// <summary>host.json's <c>extensions.http.routePrefix</c>, trimmed of slashes; "api" when absent.</summary>
    internal static string ReadRoutePrefix(JsonNode? hostJson)
    {
        var prefix = hostJson?["extensions"]?["http"]?["routePrefix"];
        return prefix is null ? DefaultRoutePrefix : ((string?)prefix ?? string.Empty).Trim('/');
    }

    private static JsonNode? ReadJson(string directory, string fileName)
    {
        var file = System.IO.Path.Combine(directory, fileName);
        return File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file), documentOptions: Lenient) : null;
    }
}

/// <summary>The worker's command line as worker.config.json's <c>description</c> gives it.</summary>
/// <param name="Executable">The program to start: "dotnet" or the app's own executable.</param>
/// <param name="Arguments">Arguments before the worker path (the <c>arguments</c> array).</param>
/// <param name="WorkerPath">The worker assembly, full path; null when the executable is the worker.</param>
/// <param name="WorkerArguments">Arguments after the worker path (the <c>workerArguments</c> array).</param>
internal sealed record WorkerDescription(string Executable, IReadOnlyList<string> Arguments, string? WorkerPath, IReadOnlyList<string> WorkerArguments)
{
    /// <summary>Reads the description, resolving paths against the app folder.</summary>
    public static WorkerDescription From(JsonNode workerConfig, string appDirectory)
    {
        var description = workerConfig["description"]
            ?? throw new InvalidOperationException("worker.config.json has no 'description'.");
        var executable = Resolve((string?)description["defaultExecutablePath"])
            ?? throw new InvalidOperationException("worker.config.json has no 'description.defaultExecutablePath'.");
        var workerPath = Resolve((string?)description["defaultWorkerPath"]);

        return new WorkerDescription(
            executable,
            Strings(description["arguments"]),
            workerPath is null ? null : System.IO.Path.GetFullPath(workerPath, appDirectory),
            Strings(description["workerArguments"]));

        string? Resolve(string? value) => string.IsNullOrWhiteSpace(value)
            ? null
            : value.Replace("{WorkerRoot}", appDirectory + System.IO.Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase);

        static List<string> Strings(JsonNode? array) =>
            array is JsonArray items ? items.Select(a => (string?)a).OfType<string>().ToList() : [];
    }
}
