namespace Saison.Functions.Hosting;

/// <summary>Whether the app runs under the Azure Functions host, and on which port.</summary>
public static class FunctionsHost
{
    /// <summary>Set by the host for a custom handler (FACTS.md).</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The standalone default, the Functions local port.</summary>
    public const string StandaloneUrl = "http://127.0.0.1:7071";

    public static int? CustomHandlerPort(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return int.TryParse(configuration[PortVariable], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : null;
    }
}
