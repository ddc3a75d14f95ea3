using System.Globalization;

namespace Saison.LocalHost;

/// <summary>What the local host runs and where it listens.</summary>
/// <param name="AppDirectory">The published function app: <c>functions.metadata</c>, <c>worker.config.json</c>, the worker.</param>
/// <param name="Port">The HTTP port on 127.0.0.1 (Core Tools' default is 7071).</param>
/// <param name="AppCommand">
/// Arguments after the options: a command of the app's own, run once by its worker executable without the
/// host (Saison's <c>token</c>), instead of serving.
/// </param>
internal sealed record LocalHostOptions(string AppDirectory, int Port = LocalHostOptions.DefaultPort, IReadOnlyList<string>? AppCommand = null)
{
    /// <summary>The port Core Tools listens on, which clients and docs of Functions apps assume.</summary>
    public const int DefaultPort = 7071;

    /// <summary>How to call the program, printed on a usage error.</summary>
    public const string Usage = "usage: Saison.LocalHost --app <published function app folder> [--port 7071] [app command and its arguments]";

    /// <summary>Reads <c>--app</c> and <c>--port</c> (also as <c>--name=value</c>).</summary>
    /// <returns>The options, or the reason they are not valid.</returns>
    public static (LocalHostOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? app = null;
        var port = DefaultPort;
        IReadOnlyList<string>? command = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith('-'))
            {
                command = [.. args.Skip(i)];
                break;
            }

            var (name, value) = Split(args[i]);
            if (name is "--help" or "-h")
            {
                return (null, Usage);
            }

            if (value is null && i + 1 < args.Count)
            {
                value = args[++i];
            }

            switch (name)
            {
                case "--app" when !string.IsNullOrWhiteSpace(value):
                    app = value;
                    break;
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535:
                    port = p;
                    break;
                case "--port":
                    return (null, $"--port takes a port number from 1 to 65535, not '{value}'{Environment.NewLine}{Usage}");
                default:
                    return (null, $"unexpected argument '{args[i]}'{Environment.NewLine}{Usage}");
            }
        }

        return app is null
            ? (null, $"--app is required{Environment.NewLine}{Usage}")
            : (new LocalHostOptions(Path.GetFullPath(app), port, command), null);

        static (string Name, string? Value) Split(string arg)
        {
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? (arg, null) : (arg[..equals], arg[(equals + 1)..]);
        }
    }
}
