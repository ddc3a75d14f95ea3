using Azure.Core;
using Azure.Data.Tables;

namespace Saison.Storage.AzureTables;

/// <summary>
/// Client options of the Table service: the SDK's retry policy retries 408, 429, 500, 502, 503 and
/// 504 and network failures with exponential backoff and jitter (the service answers 503 or 500 past
/// its scalability targets: back off); each try has its own network timeout.
/// </summary>
public sealed class AzureTableStoreOptions : TableClientOptions
{
    public AzureTableStoreOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 5;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(10);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        Diagnostics.ApplicationId = "Saison";
        Diagnostics.IsLoggingContentEnabled = false;
    }
}
