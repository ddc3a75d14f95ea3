using System.Globalization;
using Saison.Application.Auditing;
using Saison.Application.Calendars;
using Saison.Application.Leave;
using Saison.Application.Logistics;
using Saison.Application.Seasons;
using Saison.Calendars.ICalendar;
using Saison.Calendars.Outlook;
using Saison.Domain.Events;
using Saison.Domain.Leave;
using Saison.Domain.Logistics;
using Saison.Storage;

namespace Saison.Application.Notices;

/// <summary>
/// Tells the people concerned when a logistics request or one of its lines is decided (by technical services, by
/// the fast procedure, or reduced for a priority event), when their leave is decided, when their event moves (the
/// organiser, and each technical service whose lines on a request follow the event, with what became of them): a
/// notice on their home page, and a mail through Graph <c>sendMail</c> (sent by the <c>NoticeMail</c> timer, so a
/// mail that fails never fails the decision) with an <c>.ics</c> where a date is involved.
/// </summary>
public sealed class DecisionNotices : IFactFollower
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private readonly NoticeStore _store;
    private readonly SeasonTables _seasons;
    private readonly OutlookSyncOptions _mail;
    private readonly LogisticsStore? _logistics;

    public DecisionNotices(NoticeStore store, SeasonTables seasons, OutlookSyncOptions mail, LogisticsStore? logistics = null)
    {
        _store = store;
        _seasons = seasons;
        _mail = mail;
        _logistics = logistics;
    }

    public async Task FollowAsync(Fact fact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var notices = fact switch
        {
            { Action: "logistics.request.event-changed", After: StoredRequest followed } => await EventFollowedAsync(fact, followed, cancellationToken).ConfigureAwait(false),
            _ => [],
        };
        var notice = fact switch
        {
            { Action: "logistics.request.decide" or "logistics.allocation.override", Before: RequestView before, After: RequestView after } => RequestDecided(fact, before, after),
            { Action: "logistics.request.submit", After: RequestView { FastTrack: true } after } => RequestDecided(fact, null, after),
            { Action: "logistics.allocation.displaced", After: AllocationEntry entry } => LineDisplaced(fact, entry),
            { Action: "leave.request.approve" or "leave.request.approve-override" or "leave.request.refuse", After: LeaveRequest leave } => LeaveDecided(fact, leave),
            { Action: "event.move", Before: SeasonEvent before, After: SeasonEvent after } => await EventMovedAsync(fact, before, after, cancellationToken).ConfigureAwait(false),
            _ => null,
        };
        foreach (var each in notice is null ? notices : [notice])
        {
            try
            {
                await _store.AddAsync(each, cancellationToken).ConfigureAwait(false);
            }
            catch (TableStoreException)
            {
                // The decision is written and audited; a notice that could not be stored is not worth failing it.
            }
        }
    }

    /// <summary>
    /// A request followed its moved or resized event: each technical service with lines on it is told where its
    /// lines are now, and which ones the event can no longer be served by (kept as they were, flagged).
    /// </summary>
    private async Task<IReadOnlyList<Notice>> EventFollowedAsync(Fact fact, StoredRequest request, CancellationToken cancellationToken)
    {
        if (_logistics is null || request.Stage is RequestStatus.Draft or RequestStatus.Cancelled || request.Lines.Count == 0)
        {
            return [];
        }

        var season = (await _seasons.Seasons.GetAsync(SeasonTables.SeasonPartition, SeasonTables.Key(request.Season), cancellationToken).ConfigureAwait(false))?.Value;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(season?.TimeZoneId ?? "UTC");
        string Day(DateTimeOffset at) => FrenchDates.Long(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime));
        var items = (await _logistics.ListItemsAsync(request.Season, cancellationToken).ConfigureAwait(false)).ToDictionary(i => i.Value.Id, i => i.Value, StringComparer.Ordinal);
        var notices = new List<Notice>();
        foreach (var service in request.Lines.Where(l => items.ContainsKey(l.ItemId)).GroupBy(l => items[l.ItemId].ServiceId, StringComparer.Ordinal))
        {
            var lines = service.Select(l => $"{items[l.ItemId].Name} ({l.Quantity}) : "
                + (l.Flags is { Count: > 0 } flags
                    ? "ne peut plus servir l'événement tel qu'il est — " + flags[^1].Message
                    : $"livraison le {Day(l.Delivery)}, reprise le {Day(l.Pickup)}")).ToList();
            notices.Add(New(fact, request.Season, NoticeRecipient.Service, service.Key, "event-changed", $"« {request.EventTitle} » a changé : la demande suit", lines, $"/saisons/{request.Season}/services-techniques/demandes/{request.Id}", null));
        }

        return notices;
    }

    private Notice? RequestDecided(Fact fact, RequestView? before, RequestView after)
    {
        var decided = after.Lines.Where(l => l.Decision != LineDecisionKind.Pending && (before?.Lines.FirstOrDefault(b => b.LineId == l.LineId) is not { } was || was.Decision != l.Decision || was.Granted != l.Granted)).ToList();
        if (decided.Count == 0)
        {
            return null;
        }

        var status = RequestLifecycle.Label(after.Status);
        var subject = after.Status is RequestStatus.Approved or RequestStatus.PartlyApproved or RequestStatus.Refused
            ? $"Votre demande logistique pour « {after.EventTitle} » : {status}"
            : $"Décision sur votre demande logistique pour « {after.EventTitle} »";
        var lines = decided.Select(l => $"{l.ItemName} : {DecisionWords(l)}{(l.Reasons.Count > 0 ? " — " + l.Reasons[^1].Message : string.Empty)}").ToList();
        var granted = decided.Where(l => l.Granted > 0).Select(l => new CalendarEvent(
            $"{after.Id}-{l.LineId}@saison",
            fact.At,
            CalendarTime.Utc(l.Delivery),
            CalendarTime.Utc(l.Pickup),
            $"Prêt : {l.Granted} × {l.ItemName} — {after.EventTitle}",
            "Livraison au début, enlèvement à la fin.",
            sequence: 0)).ToList();
        return New(fact, after.Season, NoticeRecipient.Organiser, after.OrganiserId, "logistics-decision", subject, lines, $"/saisons/{after.Season}/organisateur/demandes/{after.Id}", Ics(granted, null));
    }

    private static string DecisionWords(RequestLineView line) => line.Decision switch
    {
        LineDecisionKind.Approved => $"accordée ({line.Granted} sur {line.Quantity})",
        LineDecisionKind.PartlyApproved => $"accordée en partie ({line.Granted} sur {line.Quantity})",
        _ => "refusée",
    };

    private Notice? LineDisplaced(Fact fact, AllocationEntry entry)
    {
        var parts = fact.Target.Split('/');
        if (parts is not ["seasons", var year, "requests", var requestId, _] || !int.TryParse(year, CultureInfo.InvariantCulture, out var season))
        {
            return null;
        }

        var why = entry.Reasons.Count > 0 ? entry.Reasons[^1].Message : "Allocation réduite.";
        return New(fact, season, NoticeRecipient.Organiser, entry.OrganiserId, "logistics-displaced", "Une ligne de votre demande logistique est réduite", [$"{entry.Granted} accordées sur {entry.Requested} : {why}"], $"/saisons/{season}/organisateur/demandes/{requestId}", null);
    }

    private Notice LeaveDecided(Fact fact, LeaveRequest leave)
    {
        var approved = leave.Status == LeaveStatus.Approved;
        var period = leave.Period.First == leave.Period.Last
            ? "du " + FrenchDates.Long(leave.Period.First)
            : $"du {FrenchDates.Long(leave.Period.First)} au {FrenchDates.Long(leave.Period.Last)}";
        var subject = approved ? $"Votre demande de congé {period} est accordée" : $"Votre demande de congé {period} est refusée";
        var lines = new List<string> { $"{KindWords(leave.Kind)} : {leave.Days.ToString("0.#", French)} jour{(leave.Days > 1 ? "s" : string.Empty)}." };
        if (leave.Decision?.Comment is { Length: > 0 } comment)
        {
            lines.Add("Commentaire : " + comment);
        }

        var ics = approved
            ? Ics([new CalendarEvent($"{leave.Id}@saison", fact.At, CalendarTime.FromDate(leave.Period.First), CalendarTime.FromDate(leave.Period.Last.AddDays(1)), KindWords(leave.Kind) + " (accordé)")], null)
            : null;
        return New(fact, leave.Season, NoticeRecipient.Agent, leave.AgentId, "leave-decision", subject, lines, $"/saisons/{leave.Season}/agent", ics);
    }

    private static string KindWords(LeaveKind kind) => kind switch
    {
        LeaveKind.AnnualLeave => "Congés annuels",
        LeaveKind.Rtt => "RTT",
        LeaveKind.Recovery => "Récupération",
        _ => "Congé",
    };

    private async Task<Notice?> EventMovedAsync(Fact fact, SeasonEvent before, SeasonEvent after, CancellationToken cancellationToken)
    {
        if (before.Schedule == after.Schedule)
        {
            return null;
        }

        var season = (await _seasons.Seasons.GetAsync(SeasonTables.SeasonPartition, SeasonTables.Key(after.Season), cancellationToken).ConfigureAwait(false))?.Value;
        if (season is null)
        {
            return null;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(season.TimeZoneId);
        var schedule = after.Schedule;
        var when = schedule.AllDay
            ? schedule.FirstDay == schedule.LastDay ? "le " + FrenchDates.Long(schedule.FirstDay) : $"du {FrenchDates.Long(schedule.FirstDay)} au {FrenchDates.Long(schedule.LastDay)}"
            : $"le {FrenchDates.Long(schedule.FirstDay)} de {schedule.Start.ToString("HH:mm", French)} à {schedule.End.ToString("HH:mm", French)}";
        var was = before.Schedule.AllDay ? FrenchDates.Long(before.Schedule.FirstDay) : $"{FrenchDates.Long(before.Schedule.FirstDay)} à {before.Schedule.Start.ToString("HH:mm", French)}";
        var start = schedule.AllDay ? CalendarTime.FromDate(schedule.FirstDay) : CalendarTime.Zoned(schedule.Start, zone.Id);
        var end = schedule.AllDay ? CalendarTime.FromDate(schedule.LastDay.AddDays(1)) : CalendarTime.Zoned(schedule.End, zone.Id);
        var ics = Ics([new CalendarEvent($"{after.Id}@saison", fact.At, start, end, after.Title, sequence: after.Revision)], schedule.AllDay ? null : CalendarTimeZone.FromSystem(zone, after.Season, after.Season));
        return New(fact, after.Season, NoticeRecipient.Organiser, after.OrganiserId, "event-moved", $"« {after.Title} » est déplacé", [$"Nouvelle date : {when} (au lieu du {was})."], $"/saisons/{after.Season}/organisateur", ics);
    }

    private Notice New(Fact fact, int season, NoticeRecipient recipient, string recipientId, string kind, string subject, IReadOnlyList<string> lines, string link, string? ics)
    {
        var address = recipientId.Contains('@', StringComparison.Ordinal) ? recipientId : _mail.Recipients.TryGetValue(recipientId, out var a) ? a : null;
        var mail = !_mail.Enabled || string.IsNullOrWhiteSpace(_mail.DigestSender) ? NoticeMailState.Off
            : address is null ? NoticeMailState.NoAddress
            : NoticeMailState.Pending;
        return new Notice(IdOf(fact, recipient, recipientId, kind), season, recipient, recipientId, fact.At, kind, subject, lines, link, ics, address, mail);
    }

    /// <summary>
    /// A notice's id, the same each time its fact is followed (a fact is followed again when the process that committed
    /// it stopped before saying so, <see cref="AuditTrail.DrainAsync"/>): the second notice is the first one, refused
    /// by the store, so nobody is told twice.
    /// </summary>
    private static string IdOf(Fact fact, NoticeRecipient recipient, string recipientId, string kind)
    {
        if (fact.EntryId is null)
        {
            return Guid.NewGuid().ToString("N")[..16];
        }

        var key = string.Join('\n', fact.EntryId, recipient.ToString(), recipientId, kind);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16];
    }

    private static string? Ics(IReadOnlyList<CalendarEvent> events, CalendarTimeZone? zone)
    {
        if (events.Count == 0)
        {
            return null;
        }

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        IcsWriter.Write(text, new CalendarProperties(CalendarProperties.SaisonProductId, "Saison", null, null, "PUBLISH", zone?.Id), zone is null ? [] : [zone], events);
        return text.ToString();
    }
}
