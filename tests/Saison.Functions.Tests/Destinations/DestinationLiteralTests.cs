using System.Text.Json;
using Saison.Domain.Destinations;
using Saison.Functions.Tests.Infrastructure;
using Saison.Testing;

namespace Saison.Functions.Tests.Destinations;

/// <summary>
/// A destination is data: no file of <c>src/</c> or <c>functions/</c> (code, pages, settings) names a destination's
/// city, time zone, themes, sites, organisers, services, teams, events, site kinds or plan owners. The two owner
/// codes every destination shares (<see cref="PlanOwner.Organiser"/>, <see cref="PlanOwner.ProjectCell"/>) are the app's.
/// </summary>
public sealed class DestinationLiteralTests
{
    private static readonly string[] Extensions = [".cs", ".razor", ".json", ".js", ".css", ".html"];

    [Fact]
    public void No_file_of_src_or_functions_names_anything_of_a_destination()
    {
        var (names, ids) = Literals();
        Assert.Contains("Saint-Nazaire", names);
        Assert.Contains("Europe/Paris", names);
        var found = new List<string>();
        foreach (var file in new[] { "src", "functions" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, d), "*", SearchOption.AllDirectories)))
        {
            var relative = Path.GetRelativePath(RepositoryRoot.Path, file);
            if (!Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase)
                || relative.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            found.AddRange(names.Where(n => text.Contains(n, StringComparison.Ordinal)).Select(n => $"{relative}: « {n} »"));
            found.AddRange(ids.Where(id => text.Contains('"' + id + '"', StringComparison.Ordinal)).Select(id => $"{relative}: \"{id}\""));
        }

        Assert.True(found.Count == 0, "Destination data written in the code:\n" + string.Join("\n", found));
    }

    /// <summary>What the destinations' files name: texts (found anywhere) and ids (found as a string literal).</summary>
    private static (IReadOnlyList<string> Names, IReadOnlyList<string> Ids) Literals()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var folders = SampleDestinations.Names.Select(n => Path.Combine(SampleDestinations.Folder, n)).ToList();
        foreach (var folder in folders)
        {
            var destination = SampleDestinations.Load(Path.GetFileName(folder));
            names.UnionWith([destination.Name, destination.TimeZoneId, .. destination.Tonality.Themes.Select(t => t.Name)]);
            ids.UnionWith([.. destination.Tonality.Themes.Select(t => t.Id), .. destination.SiteKinds.Select(k => k.Id), .. destination.Owners.Select(o => o.Code)]);
            Collect(folder, "sites.json", "sites", names, ids);
            Collect(folder, "organisers.json", "organisers", names, ids);
            Collect(folder, "events.json", "events", null, ids);
            Collect(folder, "staff.json", "services", null, ids);
            Collect(folder, "staff.json", "teams", null, ids);
        }

        ids.ExceptWith([PlanOwner.Organiser, PlanOwner.ProjectCell]);
        return ([.. names.Order(StringComparer.Ordinal)], [.. ids.Order(StringComparer.Ordinal)]);
    }

    private static void Collect(string folder, string file, string list, HashSet<string>? names, HashSet<string> ids)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, file)));
        foreach (var item in document.RootElement.GetProperty(list).EnumerateArray())
        {
            ids.Add(item.GetProperty("id").GetString()!);
            if (names is not null && item.TryGetProperty("name", out var name))
            {
                names.Add(name.GetString()!);
            }
        }
    }
}
