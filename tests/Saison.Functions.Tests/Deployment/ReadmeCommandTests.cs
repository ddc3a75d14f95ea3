using System.Diagnostics;
using System.Text.RegularExpressions;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Deployment;

/// <summary>The README's commands as a newcomer types them: run, not only read.</summary>
public sealed partial class ReadmeCommandTests
{
    [Fact]
    public async Task The_readme_s_token_line_captures_a_token_and_nothing_else()
    {
        var readme = await File.ReadAllLinesAsync(Path.Combine(RepositoryRoot.Path, "README.md"));
        var line = readme.Single(l => l.StartsWith("TOKEN=$(", StringComparison.Ordinal));

        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-c", line + "\nprintf '%s' \"$TOKEN\"" },
        };
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"`{line}` failed: {errors}");
        Assert.Matches(Jwt(), output);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$")]
    private static partial Regex Jwt();
}
