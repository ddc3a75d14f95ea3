using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Saison.Application.Contracts;
using Saison.Calendars.Outlook;
using Saison.Domain.Calendar;

namespace Saison.Application.Calendars;

/// <summary>One owner's digest: milestones due this week and those late.</summary>
public sealed record MilestoneDigest(string OwnerId, string? Address, IReadOnlyList<MilestoneSummary> DueThisWeek, IReadOnlyList<MilestoneSummary> Late, OutlookMessage? Message);

/// <summary>What a weekly run did.</summary>
public sealed record MilestoneDigestReport(int Season, DateOnly WeekOf, IReadOnlyList<string> SentTo, IReadOnlyList<string> NoAddress, IReadOnlyList<string> Failed, string? CredentialError);

/// <summary>
/// The weekly digest of the shared reverse plan: each milestone owner gets, from the planner's
/// mailbox, the milestones due this week (Monday to Sunday around "today") and those already
/// late, in French. Done and cancelled milestones are left out. "Today" is a parameter.
/// </summary>
public sealed class MilestoneDigests
{
    // Accented letters stay as they are (the mail is UTF-8); markup characters are escaped.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly IServiceProvider _services;
    private readonly OutlookSyncOptions _options;
    private readonly OutlookClientFactory _clients;

    public MilestoneDigests(IServiceProvider services, OutlookSyncOptions options, OutlookClientFactory clients)
    {
        _services = services;
        _options = options;
        _clients = clients;
    }

    /// <summary>The digests of <paramref name="today"/>'s week (pure: no mail sent).</summary>
    public async Task<IReadOnlyList<MilestoneDigest>> ComposeAsync(int season, DateOnly today, CancellationToken cancellationToken = default)
    {
        var milestones = _services.GetService(typeof(IReversePlanMilestones)) is IReversePlanMilestones plan
            ? await plan.ListAsync(season, cancellationToken).ConfigureAwait(false)
            : [];
        var monday = Weeks.MondayOf(today);
        var sunday = monday.AddDays(6);
        var open = milestones.Where(m => !IsClosed(m.Status)).ToList();
        return [.. open.GroupBy(m => m.OwnerId, StringComparer.Ordinal)
            .Select(owner =>
            {
                var due = owner.Where(m => m.Due >= today && m.Due <= sunday).OrderBy(m => m.Due).ThenBy(m => m.Title, StringComparer.Ordinal).ToList();
                var late = owner.Where(m => m.Due < today).OrderBy(m => m.Due).ThenBy(m => m.Title, StringComparer.Ordinal).ToList();
                var address = owner.Key.Contains('@', StringComparison.Ordinal) ? owner.Key : _options.Recipients.TryGetValue(owner.Key, out var a) ? a : null;
                var message = address is null || (due.Count == 0 && late.Count == 0) ? null : Compose(address, monday, due, late);
                return new MilestoneDigest(owner.Key, address, due, late, message);
            })
            .Where(d => d.DueThisWeek.Count > 0 || d.Late.Count > 0)
            .OrderBy(d => d.OwnerId, StringComparer.Ordinal)];
    }

    /// <summary>Composes and sends the week's digests through Graph <c>sendMail</c> from <see cref="OutlookSyncOptions.DigestSender"/>.</summary>
    public async Task<MilestoneDigestReport> SendAsync(int season, DateOnly today, CancellationToken cancellationToken = default)
    {
        var digests = await ComposeAsync(season, today, cancellationToken).ConfigureAwait(false);
        var monday = Weeks.MondayOf(today);
        var sent = new List<string>();
        var failed = new List<string>();
        var noAddress = digests.Where(d => d.Address is null).Select(d => d.OwnerId).ToList();
        if (string.IsNullOrWhiteSpace(_options.DigestSender) || !_options.Enabled)
        {
            return new MilestoneDigestReport(season, monday, [], noAddress, [.. digests.Where(d => d.Message is not null).Select(d => $"{d.OwnerId}: no sender mailbox configured (Outlook:DigestSender)")], null);
        }

        var graph = _clients(_options);
        foreach (var digest in digests.Where(d => d.Message is not null))
        {
            try
            {
                await OutlookMail.SendAsync(graph, _options.DigestSender, digest.Message!, cancellationToken).ConfigureAwait(false);
                sent.Add(digest.Address!);
            }
            catch (Azure.Identity.AuthenticationFailedException e)
            {
                return new MilestoneDigestReport(season, monday, sent, noAddress, failed, OutlookSync.DescribeCredentialError(e.Message + " " + e.InnerException?.Message));
            }
            catch (Exception e) when (e is Microsoft.Kiota.Abstractions.ApiException or HttpRequestException)
            {
                failed.Add($"{digest.OwnerId}: {e.Message}");
            }
        }

        return new MilestoneDigestReport(season, monday, sent, noAddress, failed, null);
    }

    private static bool IsClosed(string status) =>
        status.Equals("done", StringComparison.OrdinalIgnoreCase) || CalendarFeeds.IsCancelled(status);

    private static OutlookMessage Compose(string address, DateOnly monday, IReadOnlyList<MilestoneSummary> due, IReadOnlyList<MilestoneSummary> late)
    {
        var html = new StringBuilder();
        html.Append("<p>Bonjour,</p><p>Voici vos jalons du rétroplanning pour la semaine du ").Append(Html.Encode(FrenchDates.Long(monday))).Append(".</p>");
        if (due.Count > 0)
        {
            html.Append("<h3>À échéance cette semaine</h3><ul>");
            foreach (var m in due)
            {
                html.Append("<li>").Append(Html.Encode(FrenchDates.Long(m.Due))).Append(" — ").Append(Html.Encode(m.Title)).Append("</li>");
            }

            html.Append("</ul>");
        }

        if (late.Count > 0)
        {
            html.Append("<h3>En retard</h3><ul>");
            foreach (var m in late)
            {
                html.Append("<li>").Append(Html.Encode(m.Title)).Append(" — échéance dépassée depuis le ").Append(Html.Encode(FrenchDates.Long(m.Due))).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<p>Ce message est envoyé chaque lundi par Saison.</p>");
        var subject = late.Count > 0
            ? $"Rétroplanning : {due.Count} jalon(s) cette semaine, {late.Count} en retard"
            : $"Rétroplanning : {due.Count} jalon(s) cette semaine";
        return new OutlookMessage(address, subject, html.ToString());
    }
}
