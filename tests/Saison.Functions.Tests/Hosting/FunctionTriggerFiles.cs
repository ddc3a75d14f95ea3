using System.Security;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Saison.Functions.Hosting;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Hosting;

/// <summary>
/// The <c>[Function]</c> methods (functions/{Area}/{Area}Triggers.cs) say to the Functions host what the
/// areas' operations declare once: name, route, methods, timer schedule. These files are written from the
/// declarations, and this test fails when they disagree. After adding or changing an operation:
/// <c>SAISON_WRITE_TRIGGERS=1 dotnet test tests/Saison.Functions.Tests --filter FunctionTriggerFiles</c>.
/// </summary>
public sealed class FunctionTriggerFiles
{
    [Fact]
    public void Every_operation_has_its_function_and_the_files_are_current()
    {
        using var app = SaisonApp.Create(loadSampleSeason: false);
        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        var write = Environment.GetEnvironmentVariable("SAISON_WRITE_TRIGGERS") == "1";
        var root = RepositoryRoot.Path;
        var areas = catalog.HttpFunctions.Select(f => f.Area).Concat(catalog.TimerFunctions.Select(catalog.AreaOf)).Distinct().Order(StringComparer.Ordinal);
        var stale = new List<string>();
        foreach (var area in areas)
        {
            var path = Path.Combine(root, "functions", area, $"{area}Triggers.cs");
            var expected = Source(area, catalog);
            if (write)
            {
                File.WriteAllText(path, expected);
            }
            else if (!File.Exists(path) || File.ReadAllText(path).ReplaceLineEndings("\n") != expected)
            {
                stale.Add(Path.GetRelativePath(root, path));
            }
        }

        Assert.True(stale.Count == 0, $"Out of date: {string.Join(", ", stale)}. Run SAISON_WRITE_TRIGGERS=1 dotnet test tests/Saison.Functions.Tests --filter FunctionTriggerFiles");
    }

    internal static string Source(string area, FunctionCatalog catalog)
    {
        var http = catalog.HttpFunctions.Where(f => f.Area == area).ToList();
        var timers = catalog.TimerFunctions.Where(t => catalog.AreaOf(t) == area).ToList();
        var text = new StringBuilder();
        text.Append("// Written from the area's operations by tests/Saison.Functions.Tests/Hosting/FunctionTriggerFiles.cs: change\n");
        text.Append("// the operation (its Map… declaration), then SAISON_WRITE_TRIGGERS=1 dotnet test --filter FunctionTriggerFiles.\n");
        text.Append("using Microsoft.Azure.Functions.Worker;\n");
        text.Append("using Saison.Functions.Hosting;\n\n");
        text.Append($"namespace Saison.Functions.{area};\n\n");
        text.Append($"/// <summary>The {area} area's Azure Functions: one per operation, run through the app's HTTP pipeline (<see cref=\"SaisonHttpMiddleware\"/>).</summary>\n");
        text.Append(timers.Count == 0 ? $"public static class {area}Triggers\n{{\n" : $"public sealed class {area}Triggers(TimerRunner timers)\n{{\n");
        var first = true;
        foreach (var function in http)
        {
            text.Append(first ? string.Empty : "\n");
            first = false;
            if (function.Summary is { } summary)
            {
                text.Append($"    /// <summary>{SecurityElement.Escape(summary)}</summary>\n");
            }

            var methods = string.Join(", ", function.Methods.Select(m => $"\"{m.ToLowerInvariant()}\""));
            text.Append($"    [Function(\"{function.Name}\")]\n");
            text.Append($"    public static Task {function.Name}([HttpTrigger(AuthorizationLevel.Anonymous, {methods}, Route = \"{function.Route}\")] HttpRequest request) =>\n");
            text.Append("        SaisonOperations.InvokeAsync(request);\n");
        }

        foreach (var timer in timers)
        {
            text.Append(first ? string.Empty : "\n");
            first = false;
            text.Append($"    /// <summary>{SecurityElement.Escape(timer.Description)}</summary>\n");
            text.Append($"    [Function(\"{timer.Name}\")]\n");
            text.Append($"    public Task {timer.Name}([TimerTrigger(\"{timer.Schedule}\")] TimerInfo timer, FunctionContext context) =>\n");
            text.Append($"        timers.RunAsync(\"{timer.Name}\", timer, context.CancellationToken);\n");
        }

        text.Append("}\n");
        return text.ToString();
    }
}
