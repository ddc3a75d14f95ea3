using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Saison.Application.Auditing;
using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Application.Outcomes;
using Saison.Application.Persistence;
using Saison.Domain.Decisions;
using Saison.Storage;

namespace Saison.Application.Calendars;

/// <summary>The iCalendar feeds Saison publishes.</summary>
public enum FeedKind
{
    /// <summary>The public summer tourism agenda: validated events only, anonymous.</summary>
    Agenda,

    /// <summary>One organiser's events, whatever their status.</summary>
    Organiser,

    /// <summary>One crew's published tasks.</summary>
    Crew,

    /// <summary>One team's absences ("Absent"; names only in the team managers' feeds).</summary>
    Team,

    /// <summary>The reverse-plan milestones of one owner.</summary>
    Plan,
}

/// <summary>
/// A feed token as stored: only the SHA-256 of the secret (hex, also the id), the feed it opens,
/// who created it, and whether absences show names. <see cref="Salt"/> keys the UIDs of anonymous
/// absences so that a subscriber cannot match them to agents.
/// </summary>
public sealed record FeedToken(
    string Id,
    int Season,
    FeedKind Feed,
    string Subject,
    bool IncludeNames,
    string? Label,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    string Salt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>A token as the API shows it: never the secret, except once in <see cref="IssuedFeedToken"/>.</summary>
public sealed record FeedTokenView(string Id, int Season, FeedKind Feed, string Subject, bool IncludeNames, string? Label, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static FeedTokenView Of(FeedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new(token.Id, token.Season, token.Feed, token.Subject, token.IncludeNames, token.Label, token.CreatedBy, token.CreatedAt, token.RevokedAt);
    }
}

/// <summary>A newly created token: the secret and the feed's path, shown this once.</summary>
public sealed record IssuedFeedToken(FeedTokenView Token, string Secret, string Path);

/// <summary>
/// Creates, lists, resolves and revokes feed tokens (table <c>CalendarTokens</c>). Secrets are 256
/// random bits in hex; only their SHA-256 is kept, so a leaked table opens no feed.
/// </summary>
public sealed class FeedTokens
{
    public const string TableName = "CalendarTokens";
    public const string Partition = "token";
    private readonly DocumentTable<FeedToken> _table;
    private readonly AuditTrail _audit;
    private readonly TimeProvider _time;
    private readonly IServiceProvider _services;
    private readonly Saison.Domain.Destinations.Destination _destination;

    public FeedTokens(ITableStore store, AuditTrail audit, TimeProvider time, IServiceProvider services, Saison.Domain.Destinations.Destination destination)
    {
        _destination = destination;
        _table = new DocumentTable<FeedToken>(store, TableName, t => [new("Season", t.Season), new("CreatedBy", t.CreatedBy)]);
        _audit = audit;
        _time = time;
        _services = services;
    }

    /// <summary>The path of a feed: <c>/calendars/{feed}.ics</c>.</summary>
    public static string PathOf(string feed) => $"/calendars/{feed}.ics";

    /// <summary>The public agenda's feed name for a season.</summary>
    public static string AgendaFeedName(int season) => "agenda-" + season.ToString(CultureInfo.InvariantCulture);

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>
    /// Whether <paramref name="caller"/> may open a feed of <paramref name="feed"/> on <paramref name="subject"/>, and with names.
    /// A subject the season does not know is refused as such (never an empty feed). The people a feed is for
    /// may open it: an organiser their events and their milestones, a technician their service's crews and
    /// the technical services' milestones, a manager their team's absences; the project cell any of them.
    /// </summary>
    public async Task<(Decision Decision, bool IncludeNames)> MayCreateAsync(Caller caller, int season, FeedKind feed, string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var cell = caller.IsAdmin || caller.IsInRole(Roles.ProjectCell);
        switch (feed)
        {
            case FeedKind.Organiser:
            {
                if (!await IsOrganiserAsync(season, subject, cancellationToken).ConfigureAwait(false))
                {
                    return (Unknown($"Aucun organisateur « {subject} » dans la saison {season}."), false);
                }

                return (Allow(cell || (caller.IsInRole(Roles.Organiser) && caller.HasScope(subject)), "Seuls l'organisateur lui-même et la cellule projet peuvent ouvrir le calendrier de ses événements."), false);
            }

            case FeedKind.Crew:
            {
                var crew = _services.GetService(typeof(Crews.CrewSchedules)) is Crews.CrewSchedules crews
                    ? (await crews.ListCrewsAsync(season, cancellationToken).ConfigureAwait(false)).FirstOrDefault(c => c.Id == subject)
                    : null;
                var tasked = crew is null && _services.GetService(typeof(ICrewAssignments)) is ICrewAssignments assignments
                    && (await assignments.ListAsync(season, DateOnly.MinValue, DateOnly.MaxValue, cancellationToken).ConfigureAwait(false)).Any(t => t.CrewId == subject);
                if (crew is null && !tasked)
                {
                    return (Unknown($"Aucune équipe technique « {subject} » dans la saison {season}."), false);
                }

                var own = caller.IsInAnyRole(Roles.Technician, Roles.Manager) && (caller.HasScope(subject) || (crew is not null && caller.HasScope(crew.ServiceId)));
                return (Allow(cell || own, "Seuls les services de l'équipe technique et la cellule projet peuvent ouvrir le calendrier de ses tâches."), false);
            }

            case FeedKind.Plan:
            {
                var owners = _services.GetService(typeof(IReversePlanMilestones)) is IReversePlanMilestones plan
                    ? (await plan.ListAsync(season, cancellationToken).ConfigureAwait(false)).Select(m => m.OwnerId).ToHashSet(StringComparer.Ordinal)
                    : [];
                var organisation = !owners.Contains(subject) && await IsOrganiserAsync(season, subject, cancellationToken).ConfigureAwait(false);
                if (!owners.Contains(subject) && !organisation)
                {
                    return (Unknown($"Aucun responsable de jalons « {subject} » dans la saison {season}."), false);
                }

                var mine = organisation
                    ? caller.IsInRole(Roles.Organiser) && caller.HasScope(subject)
                    : caller.Id == subject || (_destination.OwnerRole(subject) is { } role && caller.IsInRole(role));
                return (Allow(cell || mine, "Seuls le responsable des jalons et la cellule projet peuvent ouvrir ce calendrier."), false);
            }

            case FeedKind.Team:
            {
                var team = _services.GetService(typeof(IStaffDirectory)) is IStaffDirectory directory
                    ? (await directory.ListTeamsAsync(season, cancellationToken).ConfigureAwait(false)).FirstOrDefault(t => t.Id == subject)
                    : null;
                if (team is null)
                {
                    return (Unknown($"Aucune équipe « {subject} » dans la saison {season}."), false);
                }

                var manager = caller.IsInRole(Roles.Manager) && (caller.HasScope(subject) || team.ManagerIds.Contains(caller.Id));
                var service = caller.IsInRole(Roles.Technician) && caller.HasScope(team.ServiceId);
                return (Allow(caller.IsAdmin || manager || cell || service, "Seuls les responsables de l'équipe, son service et la cellule projet peuvent ouvrir le calendrier de ses absences."), caller.IsAdmin || manager);
            }

            default:
                return (Decision.Refused(new Reason("feed.public", "L'agenda public n'a pas besoin de jeton.")), false);
        }
    }

    /// <summary>An organisation the season knows: in its organisers, or organising one of its events.</summary>
    private async Task<bool> IsOrganiserAsync(int season, string subject, CancellationToken cancellationToken)
    {
        if (_services.GetService(typeof(Seasons.SeasonService)) is Seasons.SeasonService seasons
            && (await seasons.ListOrganisersAsync(season, cancellationToken).ConfigureAwait(false)).Any(o => o.Id == subject))
        {
            return true;
        }

        return _services.GetService(typeof(ISeasonEvents)) is ISeasonEvents events
            && (await events.ListAsync(season, cancellationToken).ConfigureAwait(false)).Any(e => e.OrganiserId == subject);
    }

    private static Decision Unknown(string message) => Decision.Refused(new Reason("feed.unknown-subject", message));

    /// <summary>Creates a token (the caller's right was checked with <see cref="MayCreateAsync"/>) and audits it without its secret.</summary>
    public async Task<(IssuedFeedToken Issued, ETag ETag)> CreateAsync(Caller caller, int season, FeedKind feed, string subject, bool includeNames, string? label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var token = new FeedToken(HashOf(secret), season, feed, subject, includeNames, label, caller.Id, _time.GetUtcNow(), null, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var view = FeedTokenView.Of(token);
        var etag = await _audit.InsertAsync(caller, _table, Partition, token.Id, token, new AuditRecord("calendarToken.create", $"seasons/{season}/calendar-tokens/{token.Id}", null, view), cancellationToken).ConfigureAwait(false);
        return (new IssuedFeedToken(view, secret, PathOf(secret)), etag);
    }

    /// <summary>The tokens of a season the caller created (all of them for the project cell and Admin).</summary>
    public async Task<IReadOnlyList<Versioned<FeedToken>>> ListAsync(Caller caller, int season, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var all = await _table.ListAsync(Partition, cancellationToken: cancellationToken).ConfigureAwait(false);
        var seeAll = caller.IsAdmin || caller.IsInRole(Roles.ProjectCell);
        return [.. all.Where(t => t.Value.Season == season && (seeAll || t.Value.CreatedBy == caller.Id)).OrderBy(t => t.Value.CreatedAt)];
    }

    public Task<Versioned<FeedToken>?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        IsHex(id) ? _table.GetAsync(Partition, id, cancellationToken) : Task.FromResult<Versioned<FeedToken>?>(null);

    /// <summary>The active token whose secret is <paramref name="secret"/>, or null (unknown or revoked).</summary>
    public async Task<FeedToken?> ResolveAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (secret.Length != 64 || !IsHex(secret))
        {
            return null;
        }

        var found = await _table.GetAsync(Partition, HashOf(secret), cancellationToken).ConfigureAwait(false);
        return found?.Value is { IsActive: true } token ? token : null;
    }

    /// <summary>Who may revoke a feed: the person who opened it, the project cell and Admin.</summary>
    public static Decision MayRevoke(Caller caller, FeedToken token)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(token);
        return Allow(
            token.CreatedBy == caller.Id || caller.IsAdmin || caller.IsInRole(Roles.ProjectCell),
            "Seuls la personne qui a ouvert ce flux et la cellule projet peuvent le révoquer.");
    }

    /// <summary>Revokes with the ETag read (412 as a <see cref="TableStoreException"/> otherwise); audited.</summary>
    public async Task<Versioned<FeedToken>> RevokeAsync(Caller caller, Versioned<FeedToken> token, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(token);
        var revoked = token.Value with { RevokedAt = _time.GetUtcNow() };
        var etag = await _audit.ReplaceAsync(caller, _table, Partition, token.Value.Id, revoked, ifMatch, new AuditRecord("calendarToken.revoke", $"seasons/{token.Value.Season}/calendar-tokens/{token.Value.Id}", FeedTokenView.Of(token.Value), FeedTokenView.Of(revoked)), cancellationToken).ConfigureAwait(false);
        return new Versioned<FeedToken>(revoked, etag);
    }

    /// <summary>
    /// Opens a private feed for <paramref name="subject"/>: the feed kind by name (organiser, crew, team, plan; the
    /// public agenda needs no token), a subject the caller may follow, an optional label; 201 with its secret once.
    /// </summary>
    public async Task<Outcome<IssuedFeedToken>> IssueAsync(Caller caller, int season, string? feedName, string? subject, string? label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (feedName is null)
        {
            return Outcome<IssuedFeedToken>.Invalid("feed", "Le corps de la requête est requis : { feed, subject }.");
        }

        if (!Enum.TryParse<FeedKind>(feedName, ignoreCase: true, out var feed) || feed == FeedKind.Agenda || !Enum.IsDefined(feed) || int.TryParse(feedName, out _))
        {
            return Outcome<IssuedFeedToken>.Invalid("feed", "Le flux doit être « organiser », « crew », « team » ou « plan » (l'agenda public n'a pas besoin de jeton).");
        }

        if (string.IsNullOrWhiteSpace(subject) || subject.Length > 200)
        {
            return Outcome<IssuedFeedToken>.Invalid("subject", "Indiquez l'identifiant de l'organisation, de l'équipe ou du responsable concerné (200 caractères au plus).");
        }

        if (label is { Length: > 200 })
        {
            return Outcome<IssuedFeedToken>.Invalid("label", "Le libellé ne peut dépasser 200 caractères.");
        }

        var (decision, includeNames) = await MayCreateAsync(caller, season, feed, subject, cancellationToken).ConfigureAwait(false);
        if (decision.IsRefused)
        {
            var message = string.Join(" ", decision.Reasons.Select(r => r.Message));
            return decision.Reasons.Any(r => r.Code == "feed.unknown-subject") ? Outcome<IssuedFeedToken>.Invalid("subject", message) : Outcome<IssuedFeedToken>.Forbidden(message);
        }

        var (issued, etag) = await CreateAsync(caller, season, feed, subject, includeNames, label, cancellationToken).ConfigureAwait(false);
        return Outcome<IssuedFeedToken>.Created(issued, etag);
    }

    /// <summary>
    /// Revokes a private feed of <paramref name="season"/> with the ETag read: 404 for another season's or an unknown
    /// feed, 403 to whom may not, 428 without If-Match, 409 when already revoked (a stale ETag is the store's 412).
    /// </summary>
    public async Task<Outcome<FeedTokenView>> RevokeAsync(Caller caller, int season, string tokenId, ETag? ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var token = await FindAsync(tokenId, cancellationToken).ConfigureAwait(false);
        if (token is null || token.Value.Season != season)
        {
            return Outcome<FeedTokenView>.NotFound($"Aucun flux « {tokenId} » pour la saison {season}.");
        }

        if (MayRevoke(caller, token.Value) is { IsRefused: true } refusal)
        {
            return Outcome<FeedTokenView>.Forbidden(string.Join(" ", refusal.Reasons.Select(r => r.Message)));
        }

        if (ifMatch is not { } etag)
        {
            return Failure.PreconditionRequired();
        }

        if (!token.Value.IsActive)
        {
            return Outcome<FeedTokenView>.Conflict("Ce flux est déjà révoqué.");
        }

        var revoked = await RevokeAsync(caller, token, etag, cancellationToken).ConfigureAwait(false);
        return Outcome<FeedTokenView>.Ok(FeedTokenView.Of(revoked.Value), revoked.ETag);
    }

    private static bool IsHex(string text) => text.Length is > 0 and <= 64 && text.All(char.IsAsciiHexDigitLower);

    private static Decision Allow(bool allowed, string refusal) => allowed ? Decision.Accepted() : Decision.Refused(new Reason("feed.forbidden", refusal));
}
