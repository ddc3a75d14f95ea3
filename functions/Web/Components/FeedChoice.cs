using Saison.Application.Calendars;

namespace Saison.Functions.Web.Components;

/// <summary>A feed a page offers to its user: which kind, on which subject, named for people.</summary>
public sealed record FeedChoice(FeedKind Feed, string Subject, string Label);
