using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Saison.Calendars.Outlook;

/// <summary>
/// A mailbox calendar Saison writes to: a user or shared mailbox (id or UPN) and one of its
/// calendars (its default one when <see cref="CalendarId"/> is null). Group calendars are not
/// targets: Graph refuses application permissions on them.
/// </summary>
public sealed record OutlookTarget(string Mailbox, string? CalendarId = null)
{
    /// <summary>A key for storage and logs: <c>mailbox</c> or <c>mailbox:calendar</c>.</summary>
    public string Key => CalendarId is null ? Mailbox : Mailbox + ":" + CalendarId;
}

/// <summary>
/// One Outlook event as Saison wants it. <see cref="SaisonId"/> is our stable id (also written in
/// the event's single-value extended property); times are wall-clock in <see cref="TimeZoneId"/>
/// (the season's zone, sent as is); all-day items start and end at midnight, end exclusive.
/// </summary>
public sealed record OutlookItem(
    string SaisonId,
    string Subject,
    string? Body,
    string? Location,
    IReadOnlyList<string> Categories,
    DateTime Start,
    DateTime End,
    bool IsAllDay,
    string TimeZoneId,
    bool ShowAsFree = true)
{
    /// <summary>A hash of everything sent to Graph: the same hash means nothing to write.</summary>
    public string ContentHash()
    {
        var canonical = string.Join(
            "\u001f",
            Subject,
            Body ?? string.Empty,
            Location ?? string.Empty,
            string.Join("\u001e", Categories),
            Start.ToString("s", CultureInfo.InvariantCulture),
            End.ToString("s", CultureInfo.InvariantCulture),
            IsAllDay ? "1" : "0",
            TimeZoneId,
            ShowAsFree ? "1" : "0");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..32];
    }

    public bool Equals(OutlookItem? other) =>
        other is not null && SaisonId == other.SaisonId && ContentHash() == other.ContentHash();

    public override int GetHashCode() => HashCode.Combine(SaisonId, Start, End);
}

/// <summary>
/// What Saison knows of one of its events in a calendar. A create is recorded as pending (with its
/// <see cref="TransactionId"/>) before the POST is sent, so that after a crash the next run looks
/// for the event in the mailbox instead of creating it twice. <see cref="Confirmed"/> says the
/// mailbox is known to hold exactly this event for this id; an entry that is pending or not
/// confirmed (a create sent twice, a duplicate not yet deleted, a row written by an older version)
/// makes the next run reconcile the calendar with the mailbox.
/// </summary>
public sealed record SyncedEvent(string SaisonId, string? GraphId, string ContentHash, string? TransactionId, bool Confirmed = false)
{
    /// <summary>True when the next run must compare the mailbox with the desired events before trusting this entry.</summary>
    public bool IsInDoubt => IsPendingCreate || !Confirmed;

    public bool IsPendingCreate => GraphId is null;
}

/// <summary>The sync state of each target, kept by the app (the table store).</summary>
public interface IOutlookSyncState
{
    Task<IReadOnlyDictionary<string, SyncedEvent>> LoadAsync(OutlookTarget target, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="upserts"/> and removes <paramref name="removals"/> (SaisonIds) for the target.</summary>
    Task SaveAsync(OutlookTarget target, IReadOnlyList<SyncedEvent> upserts, IReadOnlyList<string> removals, CancellationToken cancellationToken = default);
}

/// <summary>
/// What one run did to one target. <see cref="Reconciled"/>: the run listed our events in the
/// mailbox and compared them with the desired ones; <see cref="Missing"/>: events the stored state
/// had but the mailbox lacked (created again); <see cref="Adopted"/>: events found in the mailbox
/// the state did not know by that id; <see cref="DuplicatesRemoved"/>: second copies deleted.
/// </summary>
public sealed record OutlookTargetReport(
    string Target,
    int Created,
    int Updated,
    int Deleted,
    int Unchanged,
    int Adopted,
    int DuplicatesRemoved,
    IReadOnlyList<string> Failed,
    int GraphRequests,
    int BatchRequests,
    bool Reconciled = false,
    int Missing = 0);

/// <summary>
/// What a run did: per target, and overall. <see cref="CredentialError"/> says when the app's
/// credential was refused (an expired secret, a missing managed identity): nothing was written then,
/// and the run says so rather than stopping silently.
/// </summary>
public sealed record OutlookSyncReport(bool DryRun, IReadOnlyList<OutlookTargetReport> Targets, string? CredentialError)
{
    public int Created => Targets.Sum(t => t.Created);

    public int Updated => Targets.Sum(t => t.Updated);

    public int Deleted => Targets.Sum(t => t.Deleted);

    public int Failed => Targets.Sum(t => t.Failed.Count);

    public bool Succeeded => CredentialError is null && Failed == 0;
}
