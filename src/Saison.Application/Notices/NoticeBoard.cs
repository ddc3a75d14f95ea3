using Saison.Application.Identity;

namespace Saison.Application.Notices;

/// <summary>A notice as its recipient reads it (the mail's state, not its address or errors).</summary>
public sealed record NoticeView(string Id, int Season, DateTimeOffset At, string Kind, string Subject, IReadOnlyList<string> Lines, string Link, bool HasCalendar, NoticeMailState Mail);

/// <summary>What the caller has been told: an organiser, their organisations' notices; an agent, their own; a technician, their service's.</summary>
public sealed class NoticeBoard
{
    private readonly NoticeStore _store;

    public NoticeBoard(NoticeStore store) => _store = store;

    /// <summary>The caller's notices of a season, newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<NoticeView>> ListAsync(Caller caller, int season, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var recipients = new List<(NoticeRecipient, string)>();
        foreach (var scope in caller.Scopes.Order(StringComparer.Ordinal))
        {
            if (caller.IsInRole(Roles.Organiser))
            {
                recipients.Add((NoticeRecipient.Organiser, scope));
            }

            if (caller.IsInRole(Roles.Agent))
            {
                recipients.Add((NoticeRecipient.Agent, scope));
            }

            if (caller.IsInRole(Roles.Technician))
            {
                recipients.Add((NoticeRecipient.Service, scope));
            }
        }

        var notices = new List<Notice>();
        foreach (var (recipient, id) in recipients)
        {
            notices.AddRange(await _store.ListAsync(season, recipient, id, cancellationToken).ConfigureAwait(false));
        }

        return [.. notices.OrderByDescending(n => n.At).Take(limit).Select(n => new NoticeView(n.Id, n.Season, n.At, n.Kind, n.Subject, n.Lines, n.Link, n.Ics is not null, n.Mail))];
    }
}
