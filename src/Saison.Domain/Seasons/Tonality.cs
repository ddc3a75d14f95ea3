namespace Saison.Domain.Seasons;

/// <summary>A strategic theme of the season and the share of the programme the COPIL aims at (percent).</summary>
public sealed record ThemeTarget
{
    public ThemeTarget(string id, string name, int targetShare)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(targetShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetShare, 100);
        Id = id;
        Name = name;
        TargetShare = targetShare;
    }

    /// <summary>Stable id events refer to.</summary>
    public string Id { get; }

    /// <summary>French name, as the destination says it.</summary>
    public string Name { get; }

    /// <summary>Target share of the programme, 0 to 100 percent.</summary>
    public int TargetShare { get; }
}

/// <summary>
/// The season's tonality (tonalité) set by the COPIL: themes with target shares (at most 100 % in
/// all) and priorities ranked from the first.
/// </summary>
public sealed record Tonality
{
    public Tonality(IReadOnlyList<ThemeTarget> themes, IReadOnlyList<string> priorities)
    {
        ArgumentNullException.ThrowIfNull(themes);
        ArgumentNullException.ThrowIfNull(priorities);
        if (SeasonRules.CheckTonality(themes, priorities) is { IsRefused: true } refused)
        {
            throw new ArgumentException(refused.Reasons[0].Message, nameof(themes));
        }

        Themes = [.. themes];
        Priorities = [.. priorities];
    }

    public IReadOnlyList<ThemeTarget> Themes { get; }

    /// <summary>Priorities in rank order: the first matters most.</summary>
    public IReadOnlyList<string> Priorities { get; }

    public bool HasTheme(string id) => Themes.Any(t => string.Equals(t.Id, id, StringComparison.Ordinal));
}
