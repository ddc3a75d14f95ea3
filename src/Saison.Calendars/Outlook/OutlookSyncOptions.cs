namespace Saison.Calendars.Outlook;

/// <summary>
/// Configuration section <c>Outlook</c>: the app-only credential (a client secret, or the managed
/// identity), where Graph is, and which feeds go to which mailbox calendars.
/// </summary>
public sealed class OutlookSyncOptions
{
    public const string SectionName = "Outlook";

    /// <summary>Off by default: nothing is pushed until calendars are mapped and a credential given.</summary>
    public bool Enabled { get; set; }

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    /// <summary>A client secret (from Key Vault in Azure); when empty, the managed identity is used.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The user-assigned managed identity's client id, if not the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Microsoft Entra's authority host (another cloud, or the tests' loopback server).</summary>
    public Uri? AuthorityHost { get; set; }

    /// <summary>Graph's base address, version included.</summary>
    public Uri GraphBaseUrl { get; set; } = new("https://graph.microsoft.com/v1.0");

    /// <summary>
    /// The GUID of Saison's extended-property set. It never changes after the first sync, and it is the
    /// proof of ownership: a reconciliation deletes the events carrying it that this installation does
    /// not want. Two installations writing to one mailbox (a test one and the real one) need two GUIDs.
    /// </summary>
    public Guid PropertySetId { get; set; } = new("5a1507e4-3c0f-4d6b-9a8e-2f7c6b1d0e11");

    /// <summary>The planner's mailbox the weekly milestone digests are sent from.</summary>
    public string? DigestSender { get; set; }

    /// <summary>Mail addresses of milestone owners whose id is not already an address (owner id → address).</summary>
    public IDictionary<string, string> Recipients { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Feeds to mailbox calendars.</summary>
    public IList<OutlookCalendarMapping> Calendars { get; } = [];

    /// <summary>Requests in one <c>$batch</c> (Graph's limit is 20).</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Events per page when a reconciliation lists our events in a mailbox (<c>$top</c>).</summary>
    public int PageSize { get; set; } = 250;

    /// <summary>Times a throttled (429/503) request is retried, honouring Retry-After, before it counts as failed.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Our single-value extended property: <c>String {guid} Name SaisonId</c>.</summary>
    public string PropertyId => $"String {{{PropertySetId}}} Name SaisonId";
}

/// <summary>
/// One feed pushed to one mailbox calendar: <see cref="Feed"/> is <c>agenda</c>, <c>organiser</c>,
/// <c>crew</c>, <c>team</c> or <c>plan</c>, <see cref="Subject"/> the organisation, crew, team or
/// owner (none for the agenda); <see cref="IncludeNames"/> only for a team managers' calendar.
/// </summary>
public sealed class OutlookCalendarMapping
{
    public string Feed { get; set; } = "agenda";

    public string? Subject { get; set; }

    public int Season { get; set; }

    public string Mailbox { get; set; } = string.Empty;

    public string? CalendarId { get; set; }

    public bool IncludeNames { get; set; }

    public OutlookTarget Target => new(Mailbox, string.IsNullOrWhiteSpace(CalendarId) ? null : CalendarId);
}
