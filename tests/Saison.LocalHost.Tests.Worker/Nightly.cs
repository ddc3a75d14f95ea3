using Microsoft.Azure.Functions.Worker;

namespace Saison.LocalHost.Tests.Worker;

/// <summary>Timer functions that leave a marker file, so a test can see they ran and with what.</summary>
public static class Nightly
{
    /// <summary>The variable naming the folder where markers are written.</summary>
    public const string MarkerDirectoryVariable = "LOCALHOST_TEST_MARKERS";

    /// <summary>At 05:00 and 06:00 UTC every day (the shape of Saison's morning jobs).</summary>
    [Function("Nightly")]
    public static Task Run([TimerTrigger("0 0 5,6 * * *")] TimerInfo timer) => MarkAsync("nightly", timer);

    /// <summary>Once a year, and once as soon as the host has started.</summary>
    [Function("Startup")]
    public static Task Startup([TimerTrigger("0 0 0 1 1 *", RunOnStartup = true)] TimerInfo timer) => MarkAsync("startup", timer);

    private static async Task MarkAsync(string name, TimerInfo timer)
    {
        var directory = Environment.GetEnvironmentVariable(MarkerDirectoryVariable);
        if (!string.IsNullOrEmpty(directory))
        {
            // The marker holds the next occurrence the host computed, to check the TimerInfo arrived whole.
            var marker = Path.Combine(directory, $"{name}-{Guid.NewGuid():N}.txt");
            await File.WriteAllTextAsync(marker, timer.ScheduleStatus?.Next.ToUniversalTime().ToString("O") ?? "no schedule status");
        }
    }
}
