using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Saison.Application.Calendars;
using Saison.Calendars.Outlook;

namespace Saison.Application.Notices;

/// <summary>What one run of the outbox did.</summary>
public sealed record NoticeMailReport(int Season, IReadOnlyList<string> Sent, IReadOnlyList<string> Retried, IReadOnlyList<string> Failed, string? CredentialError);

/// <summary>
/// Sends the notices' mails waiting in the outbox, as the weekly digest sends its own: Graph <c>sendMail</c> from
/// <see cref="OutlookSyncOptions.DigestSender"/>, the <c>.ics</c> attached. A mail that fails stays in the outbox and
/// is tried again at the next run, <see cref="MaxAttempts"/> times at most; the notice stays on the home page anyway.
/// </summary>
public sealed class NoticeMail
{
    public const int MaxAttempts = 10;
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly NoticeStore _store;
    private readonly OutlookSyncOptions _options;
    private readonly OutlookClientFactory _clients;

    public NoticeMail(NoticeStore store, OutlookSyncOptions options, OutlookClientFactory clients)
    {
        _store = store;
        _options = options;
        _clients = clients;
    }

    public bool IsConfigured => _options.Enabled && !string.IsNullOrWhiteSpace(_options.DigestSender);

    public async Task<NoticeMailReport> SendPendingAsync(int season, CancellationToken cancellationToken = default)
    {
        var pending = await _store.PendingAsync(season, cancellationToken).ConfigureAwait(false);
        var (sent, retried, failed) = (new List<string>(), new List<string>(), new List<string>());
        if (pending.Count == 0 || !IsConfigured)
        {
            return new NoticeMailReport(season, sent, retried, failed, null);
        }

        var graph = _clients(_options);
        foreach (var (marker, notice) in pending)
        {
            Notice next;
            try
            {
                await OutlookMail.SendAsync(graph, _options.DigestSender!, Compose(notice.Value), cancellationToken).ConfigureAwait(false);
                next = notice.Value with { Mail = NoticeMailState.Sent, MailAttempts = notice.Value.MailAttempts + 1, MailError = null };
                sent.Add(notice.Value.Address!);
            }
            catch (Azure.Identity.AuthenticationFailedException e)
            {
                // Nothing goes out without a credential: stop here, every mail stays in the outbox.
                return new NoticeMailReport(season, sent, retried, failed, OutlookSync.DescribeCredentialError(e.Message + " " + e.InnerException?.Message));
            }
            catch (Exception e) when (e is Microsoft.Kiota.Abstractions.ApiException or HttpRequestException)
            {
                var attempts = notice.Value.MailAttempts + 1;
                next = notice.Value with { Mail = attempts >= MaxAttempts ? NoticeMailState.Failed : NoticeMailState.Pending, MailAttempts = attempts, MailError = e.Message };
                (attempts >= MaxAttempts ? failed : retried).Add($"{notice.Value.Address}: {e.Message}");
            }

            await _store.RecordTryAsync(marker, notice, next, cancellationToken).ConfigureAwait(false);
        }

        return new NoticeMailReport(season, sent, retried, failed, null);
    }

    /// <summary>The mail of a notice: its lines, a link back to the page where it is followed, the <c>.ics</c> when it has one.</summary>
    public static OutlookMessage Compose(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var html = new StringBuilder("<p>Bonjour,</p><ul>");
        foreach (var line in notice.Lines)
        {
            html.Append("<li>").Append(Html.Encode(line)).Append("</li>");
        }

        html.Append("</ul><p>Retrouvez-le sur votre page Saison : ").Append(Html.Encode(notice.Link)).Append(".</p>");
        if (notice.Ics is not null)
        {
            html.Append("<p>Le fichier joint ajoute les dates à votre agenda.</p>");
        }

        html.Append("<p>Message envoyé par Saison le ").Append(Html.Encode(FrenchDates.Long(DateOnly.FromDateTime(notice.At.UtcDateTime)))).Append(".</p>");
        return new OutlookMessage(notice.Address!, notice.Subject, html.ToString())
        {
            Attachments = notice.Ics is null ? [] : [new OutlookAttachment("saison.ics", "text/calendar", Encoding.UTF8.GetBytes(notice.Ics))],
        };
    }
}
