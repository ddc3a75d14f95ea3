using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Saison.Storage.AzureTables;

/// <summary>
/// Signs each try of a request with the account key, Table service "Shared Key Lite" style
/// (learn.microsoft.com "Authorize with Shared Key"):
/// <c>StringToSign = x-ms-date + "\n" + CanonicalizedResource</c>, where the resource is
/// <c>/account</c> + the encoded URI path (plus <c>?comp=…</c> only). With Azurite's path-style
/// URLs the path itself starts with the account, so the account appears twice — as the emulator expects.
/// Runs per retry so that a retried request carries a fresh date.
/// </summary>
internal sealed class SharedKeyLitePolicy : HttpPipelineSynchronousPolicy
{
    private readonly string _accountName;
    private readonly byte[] _key;

    public SharedKeyLitePolicy(string accountName, string accountKey)
    {
        _accountName = accountName;
        _key = Convert.FromBase64String(accountKey);
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var date = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        message.Request.Headers.SetValue("x-ms-date", date);
        var stringToSign = date + "\n" + CanonicalizedResource(_accountName, message.Request.Uri);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));
        message.Request.Headers.SetValue("Authorization", $"SharedKeyLite {_accountName}:{signature}");
    }

    internal static string CanonicalizedResource(string accountName, RequestUriBuilder uri)
    {
        var path = uri.Path;
        var resource = "/" + accountName + (string.IsNullOrEmpty(path) ? "/" : path);
        var query = uri.Query;
        if (!string.IsNullOrEmpty(query))
        {
            foreach (var pair in query.TrimStart('?').Split('&'))
            {
                if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
                {
                    resource += "?comp=" + pair["comp=".Length..];
                }
            }
        }

        return resource;
    }
}
