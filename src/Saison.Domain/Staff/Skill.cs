namespace Saison.Domain.Staff;

/// <summary>A skill agents hold and tasks or presence rules require: its stable id (<c>conduite-pl</c>) and the name people read.</summary>
public sealed record Skill(string Id, string Name);
