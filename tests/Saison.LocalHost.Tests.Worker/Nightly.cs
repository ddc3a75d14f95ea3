using Microsoft.Azure.Functions.Worker;

namespace Saison.LocalHost.Tests.Worker;

/// <summary>A timer function that leaves a marker file, so a test can see it ran and with what.</summary>
public static class Nightly
{
    /// <summary>The variable naming the folder where markers are written.</summary>
    public const string MarkerDirectoryVariable = "LOCALHOST_TEST_MARKERS";

    /// <summary>At 05:00 and 06:00 UTC every day (the shape of Saison's morning jobs).</summary>
    [Function("Nightly")]
    public static async Task Run([TimerTrigger("0 0 5,6 * * *")] TimerInfo timer)
    {
        var directory = Environment.GetEnvironmentVariable(MarkerDirectoryVariable);
        if (!string.IsNullOrEmpty(directory))
        {
            var marker = Path.Combine(directory, $"nightly-{Guid.NewGuid():N}.txt");
            await File.WriteAllTextAsync(marker, timer.ScheduleStatus?.Next.ToString("O") ?? "no schedule status");
        }
    }
}
