using Azure;

namespace Saison.Application.Persistence;

/// <summary>A record as read from the store, with the ETag every later update must carry.</summary>
public sealed record Versioned<T>(T Value, ETag ETag);
