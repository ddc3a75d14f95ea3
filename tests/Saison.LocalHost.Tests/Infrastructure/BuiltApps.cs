using System.Reflection;

namespace Saison.LocalHost.Tests.Infrastructure;

/// <summary>Where the build put the test worker app and the local host (recorded in this assembly by the project file).</summary>
internal static class BuiltApps
{
    /// <summary>The test worker's output folder: functions.metadata, worker.config.json, the worker.</summary>
    public static string TestWorkerDirectory => Metadata("TestWorkerDirectory");

    /// <summary>Saison.LocalHost.dll, to run the host as its own process.</summary>
    public static string LocalHostAssembly => Metadata("LocalHostAssembly");

    private static string Metadata(string key) =>
        typeof(BuiltApps).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"No {key} recorded at build time.");
}
