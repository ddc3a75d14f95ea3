using Saison.Application.Destinations;
using Saison.Testing;

namespace Saison.Application.Tests.Destinations;

/// <summary>Destinations read from their folders: the samples load, the default is the one named, a broken description says where and why.</summary>
public sealed class DestinationFolderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "saison-tests", "destinations-" + Guid.NewGuid().ToString("N")[..8]);

    public DestinationFolderTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, DestinationFolder.RuleSetsFolder));
        File.Copy(Path.Combine(SampleDestinations.Folder, DestinationFolder.RuleSetsFolder, "france.json"), Path.Combine(_root, DestinationFolder.RuleSetsFolder, "france.json"));
    }

    [Fact]
    public void Every_sample_destination_loads_with_its_zone_holidays_site_kinds_themes_and_owners()
    {
        Assert.True(SampleDestinations.Names.Count >= 2);
        foreach (var name in SampleDestinations.Names)
        {
            var destination = SampleDestinations.Load(name);
            Assert.Equal(name, destination.Id);
            Assert.True(TimeZoneInfo.TryFindSystemTimeZoneById(destination.TimeZoneId, out _));
            Assert.Equal(11, destination.Holidays.Of(2027).Count);
            Assert.NotEmpty(destination.SiteKinds);
            Assert.Equal(100, destination.Tonality.Themes.Sum(t => t.TargetShare));
            Assert.Equal("Organiser", destination.OwnerRole(Saison.Domain.Destinations.PlanOwner.Organiser));
        }
    }

    [Fact]
    public void An_empty_setting_picks_the_default_the_destinations_file_names()
    {
        Write("ville", """{ "name": "Ville", "timeZoneId": "Indian/Reunion", "publicHolidayRuleSets": ["france"], "publicHolidays": [ { "name": "Abolition de l'esclavage", "month": 12, "day": 20 } ], "siteKinds": [ { "id": "plage", "name": "Plage" } ] }""");
        File.WriteAllText(Path.Combine(_root, DestinationFolder.DefaultsFileName), """{ "default": "ville" }""");
        var destination = DestinationFolder.Load(_root, DestinationFolder.Resolve(_root, null));
        Assert.Equal("Ville", destination.Name);
        Assert.Equal(12, destination.Holidays.Of(2027).Count);
        Assert.True(destination.Holidays.IsPublicHoliday(new DateOnly(2027, 12, 20)));
        Assert.Equal("technical-services", destination.OwnerName("technical-services"));
    }

    [Theory]
    [InlineData("""{ "name": "Ville", "timeZoneId": "Mars/Olympus", "siteKinds": [ { "id": "plage", "name": "Plage" } ] }""", "Mars/Olympus")]
    [InlineData("""{ "name": "Ville", "timeZoneId": "Indian/Reunion", "publicHolidayRuleSets": ["atlantide"], "siteKinds": [ { "id": "plage", "name": "Plage" } ] }""", "atlantide")]
    [InlineData("""{ "name": "Ville", "timeZoneId": "Indian/Reunion", "siteKinds": [] }""", "site kind")]
    [InlineData("""{ "name": "Ville", "timeZoneId": "Indian/Reunion", "siteKinds": [ { "id": "plage", "name": "Plage" } ], "publicHolidays": [ { "name": "Trente février", "month": 2, "day": 30 } ] }""", "Trente février")]
    public void A_broken_description_stops_the_start_and_says_what(string json, string what)
    {
        Write("cassee", json);
        var error = Assert.Throws<InvalidDataException>(() => DestinationFolder.Load(_root, Path.Combine(_root, "cassee")));
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_destination_is_refused_with_where_it_was_looked_for()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DestinationFolder.Resolve(_root, "nulle-part"));
        Assert.Contains("nulle-part", error.Message, StringComparison.Ordinal);
    }

    private void Write(string name, string json)
    {
        Directory.CreateDirectory(Path.Combine(_root, name));
        File.WriteAllText(Path.Combine(_root, name, DestinationFolder.FileName), json);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
