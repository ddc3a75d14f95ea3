using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.SendMail;

namespace Saison.Calendars.Outlook;

/// <summary>A message to send from a mailbox (HTML body, French text composed by the caller).</summary>
public sealed record OutlookMessage(string Recipient, string Subject, string HtmlBody)
{
    /// <summary>Files sent with the message (an <c>.ics</c> invitation...).</summary>
    public IReadOnlyList<OutlookAttachment> Attachments { get; init; } = [];
}

/// <summary>A file attached to a message: its name, media type and bytes.</summary>
public sealed record OutlookAttachment(string Name, string ContentType, byte[] Content);

/// <summary>Sends mail through Graph <c>POST /users/{sender}/sendMail</c> (application permission Mail.Send).</summary>
public static class OutlookMail
{
    public static async Task SendAsync(GraphServiceClient graph, string sender, OutlookMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(message);
        var body = new SendMailPostRequestBody
        {
            Message = new Message
            {
                Subject = message.Subject,
                Body = new ItemBody { ContentType = BodyType.Html, Content = message.HtmlBody },
                ToRecipients = [new Recipient { EmailAddress = new EmailAddress { Address = message.Recipient } }],
                Attachments = message.Attachments.Count == 0 ? null : [.. message.Attachments.Select(a => new FileAttachment { Name = a.Name, ContentType = a.ContentType, ContentBytes = a.Content })],
            },
            SaveToSentItems = true,
        };
        await graph.Users[sender].SendMail.PostAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
