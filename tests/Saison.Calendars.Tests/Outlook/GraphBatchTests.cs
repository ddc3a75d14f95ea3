using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using Saison.Calendars.Outlook;

namespace Saison.Calendars.Tests.Outlook;

public class GraphBatchTests
{
    /// <summary>Keeps the request body and answers with a canned $batch answer.</summary>
    private sealed class Capture(string answer) : HttpMessageHandler
    {
        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Body = await request.Content!.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
        }
    }

    private static GraphServiceClient Client(Capture capture) => new(new HttpClient(capture), new AnonymousAuthenticationProvider(), "https://graph.example/v1.0");

    [Fact]
    public async Task The_SDKs_own_batch_content_unescapes_step_urls_which_is_why_Saison_writes_its_batches()
    {
        // If this fails, Microsoft.Graph.Core keeps urls escaped now, and its BatchRequestContent could be used again.
        var capture = new Capture("""{"responses":[]}""");
        var graph = Client(capture);
        var request = graph.Users["agenda@saint-nazaire.example"].Calendar.Events.ToGetRequestInformation(c => c.QueryParameters.Filter = "x eq 'a#b&c'");
        Assert.Contains("%23", request.URI.AbsoluteUri, StringComparison.Ordinal);
        var batch = new BatchRequestContentCollection(graph);
        await batch.AddBatchRequestStepAsync(request, "1");
        await graph.Batch.PostAsync(batch);
        var url = JsonNode.Parse(capture.Body!)!["requests"]![0]!["url"]!.GetValue<string>();
        Assert.Contains("a#b&c", url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Steps_go_with_their_url_exactly_and_answers_come_back_by_step_with_Retry_After()
    {
        var capture = new Capture("""
            {"responses":[
              {"id":"2","status":429,"headers":{"retry-after":"7"},"body":{"error":{"code":"ApplicationThrottled"}}},
              {"id":"1","status":201,"headers":{"Content-Type":"application/json"},"body":{"id":"AAMk+x/y=="}}
            ]}
            """);
        var graph = Client(capture);
        var target = new OutlookTarget("agenda@saint-nazaire.example");
        var answers = await GraphBatch.SendAsync(graph.RequestAdapter,
        [
            new GraphBatch.Step("1", "POST", GraphUrl.Events(target), new Microsoft.Graph.Models.Event { Subject = "Régates", TransactionId = "tx-1" }),
            new GraphBatch.Step("2", "DELETE", GraphUrl.Event(target, "AAMk+x/y=="), null),
            new GraphBatch.Step("3", "DELETE", GraphUrl.Event(target, "lost"), null),
        ], "IdType=\"ImmutableId\"");

        var sent = JsonNode.Parse(capture.Body!)!["requests"]!.AsArray();
        Assert.Equal("/users/agenda%40saint-nazaire.example/events/AAMk%2Bx%2Fy%3D%3D", sent[1]!["url"]!.GetValue<string>());
        Assert.Equal("IdType=\"ImmutableId\"", sent[0]!["headers"]!["Prefer"]!.GetValue<string>());
        Assert.Equal("application/json", sent[0]!["headers"]!["Content-Type"]!.GetValue<string>());
        Assert.Equal("Régates", sent[0]!["body"]!["subject"]!.GetValue<string>());
        Assert.Equal("tx-1", sent[0]!["body"]!["transactionId"]!.GetValue<string>());
        Assert.Null(sent[1]!["body"]);

        Assert.Equal(HttpStatusCode.Created, answers["1"].Status);
        Assert.Equal("AAMk+x/y==", JsonNode.Parse(answers["1"].Body!)!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.TooManyRequests, answers["2"].Status);
        Assert.Equal(TimeSpan.FromSeconds(7), answers["2"].RetryAfter!.Delta);
        Assert.False(answers.ContainsKey("3"));
    }
}
