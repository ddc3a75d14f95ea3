namespace Saison.Storage.AzureTables;

/// <summary>
/// A storage account connection string as Azure users write them
/// (learn.microsoft.com "Configure Azure Storage connection strings"):
/// <c>UseDevelopmentStorage=true</c> for Azurite, or
/// <c>DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…[;EndpointSuffix=…][;TableEndpoint=…]</c>.
/// </summary>
public sealed record TableConnectionString
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (published by Microsoft; not a secret).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private TableConnectionString(Uri tableEndpoint, string accountName, string? accountKey)
    {
        TableEndpoint = tableEndpoint;
        AccountName = accountName;
        AccountKey = accountKey;
    }

    /// <summary>The Table service's base address, path-style for Azurite (<c>http://127.0.0.1:10002/devstoreaccount1</c>).</summary>
    public Uri TableEndpoint { get; }

    /// <summary>The storage account's name, used by SharedKeyLite signatures.</summary>
    public string AccountName { get; }

    /// <summary>The account key (base64), or <c>null</c> when the string names none.</summary>
    public string? AccountKey { get; }

    /// <summary>Azurite's table endpoint on a given loopback port, with the development account.</summary>
    public static TableConnectionString ForAzurite(int port, string host = "127.0.0.1") =>
        new(new Uri($"http://{host}:{port}/{DevelopmentAccountName}"), DevelopmentAccountName, DevelopmentAccountKey);

    /// <summary>Parses a connection string; throws <see cref="FormatException"/> saying which part is wrong.</summary>
    public static TableConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Values may contain '=' (base64 keys): split on the first one only.
            var cut = segment.IndexOf('=', StringComparison.Ordinal);
            if (cut <= 0)
            {
                throw new FormatException($"Connection string segment '{Redact(segment)}' is not of the form Name=Value.");
            }

            parts[segment[..cut].Trim()] = segment[(cut + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var development)
            && string.Equals(development, "true", StringComparison.OrdinalIgnoreCase))
        {
            // Azurite's default table port; a proxy URI moves the host, as the SDKs do.
            var baseUri = parts.TryGetValue("DevelopmentStorageProxyUri", out var proxy) ? new Uri(proxy) : new Uri("http://127.0.0.1");
            return new TableConnectionString(
                new Uri($"{baseUri.Scheme}://{baseUri.Host}:10002/{DevelopmentAccountName}"),
                DevelopmentAccountName,
                DevelopmentAccountKey);
        }

        parts.TryGetValue("AccountName", out var accountName);
        parts.TryGetValue("AccountKey", out var accountKey);
        if (parts.ContainsKey("SharedAccessSignature"))
        {
            throw new FormatException("Shared access signatures are not supported by Saison's table store; use an account key or Entra ID (Storage:AccountUri).");
        }

        Uri endpoint;
        if (parts.TryGetValue("TableEndpoint", out var tableEndpoint))
        {
            if (!Uri.TryCreate(tableEndpoint, UriKind.Absolute, out var parsed))
            {
                throw new FormatException($"TableEndpoint '{tableEndpoint}' is not an absolute URI.");
            }

            endpoint = parsed;
            accountName ??= AccountFromEndpoint(parsed);
        }
        else
        {
            if (string.IsNullOrEmpty(accountName))
            {
                throw new FormatException("The connection string names neither AccountName nor TableEndpoint.");
            }

            var protocol = parts.TryGetValue("DefaultEndpointsProtocol", out var p) ? p.ToLowerInvariant() : "https";
            if (protocol is not ("http" or "https"))
            {
                throw new FormatException($"DefaultEndpointsProtocol '{protocol}' must be http or https.");
            }

            var suffix = parts.TryGetValue("EndpointSuffix", out var s) ? s : "core.windows.net";
            endpoint = new Uri($"{protocol}://{accountName}.table.{suffix}");
        }

        if (string.IsNullOrEmpty(accountName))
        {
            throw new FormatException("The connection string does not name the account (AccountName).");
        }

        if (accountKey is not null && !IsBase64(accountKey))
        {
            throw new FormatException("AccountKey is not base64.");
        }

        return new TableConnectionString(endpoint, accountName, string.IsNullOrEmpty(accountKey) ? null : accountKey);
    }

    /// <summary>Never prints the key.</summary>
    public override string ToString() => $"TableEndpoint={TableEndpoint};AccountName={AccountName}" + (AccountKey is null ? string.Empty : ";AccountKey=***");

    /// <summary>The account of an endpoint: the first host label (<c>acct.table.core.windows.net</c>) or, path-style, the first path segment.</summary>
    internal static string AccountFromEndpoint(Uri endpoint)
    {
        var path = endpoint.AbsolutePath.Trim('/');
        if (endpoint.IsLoopback || System.Net.IPAddress.TryParse(endpoint.Host, out _))
        {
            var first = path.Split('/')[0];
            return first.Length > 0 ? first : DevelopmentAccountName;
        }

        return endpoint.Host.Split('.')[0];
    }

    private static bool IsBase64(string value)
    {
        Span<byte> buffer = stackalloc byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    private static string Redact(string segment) =>
        segment.StartsWith("AccountKey", StringComparison.OrdinalIgnoreCase) ? "AccountKey…" : segment;
}
