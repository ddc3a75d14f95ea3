namespace Saison.Domain.Staff;

/// <summary>A municipal service (régie, voirie, propreté…) that teams belong to.</summary>
public sealed record Service(string Id, string Name);
