using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Saison.Application.Identity;
using Saison.Functions.Hosting;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Deployment;

/// <summary>The Azure template, the deploy command's files and the code say the same thing.</summary>
public sealed partial class InfraConsistencyTests
{
    private static readonly string Infra = Path.Combine(RepositoryRoot.Path, "infra");

    private static string Template => File.ReadAllText(Path.Combine(Infra, "main.bicep"));

    private static string InfraReadme => File.ReadAllText(Path.Combine(Infra, "README.md"));

    /// <summary>Every configuration key the app binds: <c>Section__Property</c> for each options class with a SectionName.</summary>
    private static IReadOnlyList<string> SettingsTheAppReads()
    {
        var assemblies = new[] { typeof(Program).Assembly }
            .Concat(typeof(Program).Assembly.GetReferencedAssemblies()
                .Where(a => a.Name!.StartsWith("Saison.", StringComparison.Ordinal))
                .Select(Assembly.Load))
            .Distinct();
        return
        [
            .. from type in assemblies.SelectMany(a => a.GetTypes())
               let section = type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)
               where section is { IsLiteral: true } && type.Name.EndsWith("Options", StringComparison.Ordinal)
               from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
               where property.CanWrite || property.PropertyType.IsGenericType
               select $"{section.GetRawConstantValue()}__{property.Name}",
        ];
    }

    private static IReadOnlyList<string> TemplateAppSettings() =>
        [.. AppSettingName().Matches(Template).Select(m => m.Groups[1].Value)];

    [Fact]
    public void Every_setting_the_app_reads_is_in_the_template_or_documented_as_left_at_its_default()
    {
        var settings = SettingsTheAppReads();
        Assert.Contains("Storage__AccountUri", settings);
        Assert.Contains("Auth__Authority", settings);
        var template = TemplateAppSettings();
        var missing = settings
            .Where(s => !template.Contains(s) && !template.Any(t => t.StartsWith(s + "__", StringComparison.Ordinal)))
            .Where(s => !InfraReadme.Contains($"`{s}`", StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, "Not in main.bicep nor in infra/README.md's defaults table: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_saison_setting_in_the_template_is_one_the_app_reads()
    {
        var settings = SettingsTheAppReads();
        var stale = TemplateAppSettings()
            .Where(s => s.Contains("__", StringComparison.Ordinal) && !s.StartsWith("AzureWebJobsStorage", StringComparison.Ordinal))
            .Where(s => !settings.Contains(s) && !settings.Any(known => s.StartsWith(known + "__", StringComparison.Ordinal) && IsCollection(known)))
            .ToList();
        Assert.True(stale.Count == 0, "Set by main.bicep but read by no options class: " + string.Join(", ", stale));
    }

    /// <summary>Collections bound from indexed settings (<c>Outlook__Calendars__0__Feed</c>).</summary>
    private static bool IsCollection(string setting) => setting is "Outlook__Calendars" or "Outlook__Recipients";

    [Fact]
    public void No_secret_is_written_in_the_infrastructure_files()
    {
        foreach (var file in Directory.EnumerateFiles(Infra, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotMatch("(?i)AccountKey\\s*=", text);
            Assert.DoesNotMatch("(?i)SharedAccessSignature|sig=[A-Za-z0-9%]", text);
            Assert.DoesNotMatch("(?i)listKeys\\(", text);
            Assert.DoesNotMatch("(?i)(client_?secret|password)['\"]?\\s*[:=]\\s*['\"]?[^\\s'\"{}]", text);
            Assert.DoesNotMatch("DevelopmentSigningKey\"?\\s*[:=]", text);
            // A long base64 run is a key or a secret, whatever it is called.
            Assert.DoesNotMatch("(?=[A-Za-z0-9+/]*[0-9])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[A-Z])[A-Za-z0-9+/]{40,}", text);
        }

        Assert.Contains("allowSharedKeyAccess: false", Template, StringComparison.Ordinal);

        // The production settings file carries no key either: the development key lives only in
        // appsettings.Development.json, which is not read outside Development.
        var production = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "functions", "appsettings.json"));
        Assert.DoesNotContain("SigningKey", production, StringComparison.Ordinal);
        Assert.DoesNotContain("ClientSecret", production, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", production, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_registration_declares_exactly_the_apps_roles()
    {
        using var roles = JsonDocument.Parse(File.ReadAllText(Path.Combine(Infra, "entra", "app-roles.json")));
        var values = roles.RootElement.EnumerateArray().Select(r => r.GetProperty("value").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), values);
        var ids = roles.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Every_table_the_app_writes_is_declared_in_the_template()
    {
        using var app = SaisonApp.Create(loadSampleSeason: true);
        var health = await app.Anonymous().GetAsync(new Uri("/api/health", UriKind.Relative));
        health.EnsureSuccessStatusCode();

        var declared = TableName().Matches(Template.Split("var tables = [")[1].Split(']')[0]).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var used = new List<string>();
        var database = Directory.EnumerateFiles(app.DataDirectory, "*.db", SearchOption.AllDirectories).Single();
        using (var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                // The SQLite store keeps table T as t_T.
                used.Add(reader.GetString(0).StartsWith("t_", StringComparison.Ordinal) ? reader.GetString(0)[2..] : reader.GetString(0));
            }
        }

        Assert.NotEmpty(used);
        var undeclared = used.Where(t => !declared.Contains(t)).ToList();
        Assert.True(undeclared.Count == 0, "Tables the app writes but main.bicep does not declare: " + string.Join(", ", undeclared));
    }

    [Theory]
    [InlineData("Europe/Paris")]
    [InlineData("Indian/Reunion")]
    [InlineData("America/Cayenne")]
    [InlineData("Pacific/Noumea")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Asia/Kathmandu")]
    [InlineData("America/St_Johns")]
    public void Every_timer_schedule_is_valid_ncrontab_in_utc_and_a_local_time_job_runs_once_a_local_day_at_any_offset(string zoneId)
    {
        using var app = SaisonApp.Create(loadSampleSeason: false);
        _ = app.Server;
        var timers = app.Services.GetRequiredService<FunctionCatalog>().TimerFunctions;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        foreach (var timer in timers)
        {
            var parsed = TimerSchedules.TryParse(timer.Schedule);
            Assert.True(parsed is not null, $"{timer.Name}: {timer.Schedule}");
            Assert.Contains("UTC", timer.Description, StringComparison.Ordinal);
            if (timer.LocalTime is { } local)
            {
                // One run at the local time on each intended local day of 2027, across any DST change, none otherwise.
                var function = new TimerFunction(timer, (_, _) => Task.CompletedTask);
                var days = new Dictionary<DateOnly, int>();
                var cursor = new DateTime(2026, 12, 30, 0, 0, 0, DateTimeKind.Utc);
                for (var next = parsed.GetNextOccurrence(cursor); next.Year < 2028 || next.Month == 1 && next.Day < 3; next = parsed.GetNextOccurrence(next))
                {
                    var at = new DateTimeOffset(next, TimeSpan.Zero);
                    if (function.IsIntendedRun(at, zone))
                    {
                        var localAt = TimeZoneInfo.ConvertTime(at, zone);
                        Assert.Equal(local, TimeOnly.FromDateTime(localAt.DateTime));
                        var day = DateOnly.FromDateTime(localAt.DateTime);
                        days[day] = days.GetValueOrDefault(day) + 1;
                    }
                }

                var year = Enumerable.Range(0, 365).Select(d => new DateOnly(2027, 1, 1).AddDays(d)).ToList();
                var intended = year.Where(d => timer.LocalDays is not { Count: > 0 } only || only.Contains(d.DayOfWeek)).ToList();
                Assert.All(intended, d => Assert.Equal(1, days.GetValueOrDefault(d)));
                Assert.Equal(intended.Count, days.Keys.Count(d => d.Year == 2027));
            }
        }
    }

    [GeneratedRegex("name:\\s*'([A-Za-z_][A-Za-z0-9_]*)'")]
    private static partial Regex AppSettingName();

    [GeneratedRegex("'([A-Za-z][A-Za-z0-9]{2,62})'")]
    private static partial Regex TableName();
}
