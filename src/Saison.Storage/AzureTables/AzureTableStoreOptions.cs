using Azure.Core;

namespace Saison.Storage.AzureTables;

/// <summary>
/// Pipeline options of the Table service client. Azure.Core's retry policy retries 408, 429, 500,
/// 502, 503 and 504 and network failures with exponential backoff and jitter (the service answers
/// 503 or 500 past its scalability targets: back off); each try has its own network timeout.
/// </summary>
public sealed class AzureTableStoreOptions : ClientOptions
{
    /// <summary>The REST API version sent as <c>x-ms-version</c>.</summary>
    public const string ServiceVersion = "2019-02-02";

    public AzureTableStoreOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 5;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(10);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        Diagnostics.ApplicationId = "Saison";
        Diagnostics.IsLoggingContentEnabled = false;
        foreach (var header in new[] { "x-ms-request-id", "x-ms-client-request-id", "x-ms-version", "x-ms-error-code", "x-ms-continuation-NextPartitionKey", "x-ms-continuation-NextRowKey", "ETag", "Prefer", "Preference-Applied", "DataServiceVersion" })
        {
            Diagnostics.LoggedHeaderNames.Add(header);
        }

        foreach (var parameter in new[] { "$filter", "$top", "NextPartitionKey", "NextRowKey" })
        {
            Diagnostics.LoggedQueryParameters.Add(parameter);
        }
    }
}
