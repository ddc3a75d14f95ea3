using System.Globalization;
using Azure;
using Saison.Application.Persistence;
using Saison.Storage;

namespace Saison.Application.Notices;

/// <summary>Who a notice is for: an organisation (its organisers) or one agent.</summary>
public enum NoticeRecipient
{
    Organiser,
    Agent,

    /// <summary>A technical service (its technicians read its notices).</summary>
    Service,
}

/// <summary>Where a notice's mail stands.</summary>
public enum NoticeMailState
{
    /// <summary>In the outbox: the next <c>NoticeMail</c> run sends it (again).</summary>
    Pending,
    Sent,

    /// <summary>No mail address is known for the recipient: the notice is on their home page only.</summary>
    NoAddress,

    /// <summary>Mail is not configured (Outlook section): the notice is on their home page only.</summary>
    Off,

    /// <summary>Every try failed: the notice stays on their home page.</summary>
    Failed,
}

/// <summary>
/// One thing a person is told: a decision on their request or leave, their event moved. Its own entity (a
/// season's notices never make one record grow), with the mail to send and, where a date is involved, the
/// iCalendar attachment (<paramref name="Ics"/>, a few hundred bytes).
/// </summary>
public sealed record Notice(
    string Id,
    int Season,
    NoticeRecipient Recipient,
    string RecipientId,
    DateTimeOffset At,
    string Kind,
    string Subject,
    IReadOnlyList<string> Lines,
    string Link,
    string? Ics,
    string? Address,
    NoticeMailState Mail,
    int MailAttempts = 0,
    string? MailError = null);

/// <summary>
/// Table <c>Notices</c>, one partition per season: <c>notice~{recipient}~{id}~{newest first}</c> each notice (a
/// recipient's notices are one RowKey range, newest first), and <c>outbox~{row}</c> a marker for each mail still to
/// send, written in the same transaction as its notice and deleted with the notice's final mail state.
/// </summary>
public sealed class NoticeStore
{
    public const string TableName = "Notices";
    private const string NoticePrefix = "notice~";
    private const string OutboxPrefix = "outbox~";

    public NoticeStore(ITableStore store)
    {
        Notices = new DocumentTable<Notice>(store, TableName, n => [new("Kind", n.Kind), new("Mail", n.Mail.ToString())]);
        Outbox = new DocumentTable<OutboxEntry>(store, TableName);
    }

    internal DocumentTable<Notice> Notices { get; }

    internal DocumentTable<OutboxEntry> Outbox { get; }

    private static string Partition(int season) => season.ToString(CultureInfo.InvariantCulture);

    /// <summary>The RowKey prefix of one recipient's notices.</summary>
    public static string RecipientPrefix(NoticeRecipient recipient, string recipientId) =>
        NoticePrefix + recipient switch
        {
            NoticeRecipient.Organiser => "org",
            NoticeRecipient.Agent => "agent",
            _ => "service",
        } + "~" + recipientId + "~";

    public static string RowOf(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return RecipientPrefix(notice.Recipient, notice.RecipientId) + (DateTimeOffset.MaxValue.UtcTicks - notice.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "~" + notice.Id;
    }

    /// <summary>Stores a notice, and its outbox marker when its mail is pending: one transaction.</summary>
    public async Task AddAsync(Notice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var partition = Partition(notice.Season);
        var row = RowOf(notice);
        List<TableTransactionAction> actions = [TableTransactionAction.Add(Notices.ToEntity(partition, row, notice))];
        if (notice.Mail == NoticeMailState.Pending)
        {
            actions.Add(TableTransactionAction.Add(Outbox.ToEntity(partition, OutboxPrefix + row, new OutboxEntry(row))));
        }

        await Notices.SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One recipient's notices of a season, newest first.</summary>
    public async Task<IReadOnlyList<Notice>> ListAsync(int season, NoticeRecipient recipient, string recipientId, CancellationToken cancellationToken = default) =>
        [.. (await Notices.ListAsync(Partition(season), RecipientPrefix(recipient, recipientId), cancellationToken).ConfigureAwait(false)).Select(n => n.Value)];

    /// <summary>The mails still to send: the outbox markers and their notices.</summary>
    public async Task<IReadOnlyList<(Versioned<OutboxEntry> Marker, Versioned<Notice> Notice)>> PendingAsync(int season, CancellationToken cancellationToken = default)
    {
        var markers = await Outbox.ListAsync(Partition(season), OutboxPrefix, cancellationToken).ConfigureAwait(false);
        var pending = new List<(Versioned<OutboxEntry>, Versioned<Notice>)>();
        foreach (var marker in markers)
        {
            if (await Notices.GetAsync(Partition(season), marker.Value.NoticeRow, cancellationToken).ConfigureAwait(false) is { } notice)
            {
                pending.Add((marker, notice));
            }
        }

        return pending;
    }

    /// <summary>Records a try: the notice with its new mail state, and the marker deleted once the state is final. One transaction.</summary>
    public async Task RecordTryAsync(Versioned<OutboxEntry> marker, Versioned<Notice> notice, Notice next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marker);
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(next);
        var partition = Partition(next.Season);
        List<TableTransactionAction> actions = [TableTransactionAction.UpdateReplace(Notices.ToEntity(partition, marker.Value.NoticeRow, next), notice.ETag)];
        if (next.Mail != NoticeMailState.Pending)
        {
            actions.Add(TableTransactionAction.Delete(partition, OutboxPrefix + marker.Value.NoticeRow, marker.ETag));
        }

        await Notices.SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>An outbox marker: the RowKey of the notice whose mail is still to send.</summary>
public sealed record OutboxEntry(string NoticeRow);
