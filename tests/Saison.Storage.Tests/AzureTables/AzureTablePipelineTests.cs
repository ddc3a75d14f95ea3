using System.Globalization;
using System.Net;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Saison.Storage.AzureTables;

namespace Saison.Storage.Tests.AzureTables;

/// <summary>The SDK's pipeline under the Azure backend as this store configures it: retries, timeouts, paging, Entra ID.</summary>
public sealed class AzureTablePipelineTests
{
    private const string Azurite = "UseDevelopmentStorage=true";

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Transient_answers_are_retried_with_backoff(HttpStatusCode transient)
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(transient), _ => new HttpResponseMessage(transient), _ => NoContent("W/\"1\""));
        var store = new AzureTableStore(Azurite, Options(handler));

        var etag = await store.UpsertEntityAsync("Seasons", new TableEntity("2027", "season"));

        Assert.Equal("W/\"1\"", etag.ToString());
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task A_refusal_is_not_retried()
    {
        var handler = new ScriptedHandler(_ => Error(HttpStatusCode.PreconditionFailed, "UpdateConditionNotSatisfied"));
        var store = new AzureTableStore(Azurite, Options(handler));

        var error = await Assert.ThrowsAsync<TableStoreException>(() => store.UpdateEntityAsync("Seasons", new TableEntity("2027", "season"), new Azure.ETag("W/\"0\"")));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_try_that_hangs_times_out_and_is_retried()
    {
        var handler = new ScriptedHandler(
            async (_, cancellationToken) =>
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return new HttpResponseMessage(HttpStatusCode.OK);
            },
            (_, _) => Task.FromResult(NoContent("W/\"2\"")));
        var options = Options(handler);
        options.Retry.NetworkTimeout = TimeSpan.FromMilliseconds(200);
        var store = new AzureTableStore(Azurite, options);

        var etag = await store.AddEntityAsync("Seasons", new TableEntity("2027", "season"));

        Assert.Equal("W/\"2\"", etag.ToString());
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task An_empty_page_that_continues_hands_back_the_service_continuation()
    {
        var handler = new ScriptedHandler(
            _ => Page("[]", ("x-ms-continuation-NextPartitionKey", "1!8!cDE-"), ("x-ms-continuation-NextRowKey", "1!8!cjE-")),
            _ => Page("""[{"PartitionKey":"p1","RowKey":"r1","Timestamp":"2027-03-01T08:00:00.1234567Z","odata.etag":"W/\"x\"","N":1}]"""));
        var store = new AzureTableStore(Azurite, Options(handler));

        var first = await store.QueryAsync("Seasons", TableQuery.Partition("p1"));
        var second = await store.QueryAsync("Seasons", TableQuery.Partition("p1"), first.ContinuationToken);

        Assert.Empty(first.Entities);
        Assert.NotNull(first.ContinuationToken);
        Assert.Null(second.ContinuationToken);
        Assert.Equal("W/\"x\"", Assert.Single(second.Entities).ETag.ToString());
        var query = handler.Requests[1].RequestUri!.Query;
        Assert.Contains("NextPartitionKey=1%218%21cDE-", query, StringComparison.Ordinal);
        Assert.Contains("NextRowKey=1%218%21cjE-", query, StringComparison.Ordinal);
        Assert.Contains("$filter=PartitionKey%20eq%20%27p1%27", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_are_escaped_in_the_entity_address_and_the_account_key_signs_the_request()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        var store = new AzureTableStore(Azurite, Options(handler));

        Assert.Null(await store.GetEntityIfExistsAsync("Seasons", "2027", "l'été"));

        var request = Assert.Single(handler.Requests);
        Assert.Equal("/devstoreaccount1/Seasons(PartitionKey='2027',RowKey='l%27%27%C3%A9t%C3%A9')", request.RequestUri!.AbsolutePath);
        Assert.StartsWith("SharedKeyLite devstoreaccount1:", request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entra_ID_sends_a_bearer_token_for_the_storage_scope()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        var credential = new RecordingCredential();
        var store = new AzureTableStore(new Uri("https://saisonprod.table.core.windows.net"), credential, Options(handler));

        await store.GetEntityIfExistsAsync("Seasons", "2027", "season");

        var request = Assert.Single(handler.Requests);
        Assert.Equal("Bearer token-for-storage", request.Headers.GetValues("Authorization").Single());
        Assert.StartsWith("https://saisonprod.table.core.windows.net/Seasons(PartitionKey='2027',RowKey='season')", request.RequestUri!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal([AzureTableStore.StorageScope], credential.Scopes);
    }

    private static AzureTableStoreOptions Options(HttpMessageHandler handler)
    {
        var options = new AzureTableStoreOptions { Transport = new HttpClientTransport(handler) };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        return options;
    }

    private static HttpResponseMessage NoContent(string etag)
    {
        var response = new HttpResponseMessage(HttpStatusCode.NoContent);
        response.Headers.TryAddWithoutValidation("ETag", etag);
        return response;
    }

    private static HttpResponseMessage Page(string values, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("{\"value\":" + values + "}", Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string code)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent("{\"odata.error\":{\"code\":\"" + code + "\",\"message\":{\"lang\":\"en-US\",\"value\":\"The condition specified was not met.\"}}}", Encoding.UTF8, "application/json"),
        };
        response.Headers.TryAddWithoutValidation("x-ms-error-code", code);
        return response;
    }

    /// <summary>Answers each try with the next scripted response and records what was sent.</summary>
    private sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] _script;

        public ScriptedHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] script) =>
            _script = [.. script.Select(s => (Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>)((r, _) => Task.FromResult(s(r))))];

        public ScriptedHandler(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] script) => _script = script;

        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int index;
            lock (Requests)
            {
                Requests.Add(request);
                index = Requests.Count - 1;
            }

            return _script[Math.Min(index, _script.Length - 1)](request, cancellationToken);
        }
    }

    private sealed class RecordingCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("token-for-storage", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
