using System.Globalization;
using NCrontab;

namespace Saison.LocalHost.Timers;

/// <summary>
/// When a timer function fires, as the Functions host reads its schedule: an NCRONTAB expression with
/// seconds (six fields, <c>{second} {minute} {hour} {day} {month} {day-of-week}</c>) or without (five),
/// evaluated by NCrontab — the host's own library — in UTC; or a constant interval ("00:05:00").
/// </summary>
internal sealed class TimerSchedule
{
    private readonly CrontabSchedule? _cron;
    private readonly TimeSpan? _interval;

    private TimerSchedule(string expression, CrontabSchedule? cron, TimeSpan? interval)
    {
        Expression = expression;
        _cron = cron;
        _interval = interval;
    }

    /// <summary>The schedule as written.</summary>
    public string Expression { get; }

    /// <summary>Reads a schedule; a <c>%Name%</c> is replaced by that setting of <paramref name="settings"/>.</summary>
    /// <exception cref="FormatException">Neither an NCRONTAB expression nor an interval.</exception>
    public static TimerSchedule Parse(string schedule, Func<string, string?> settings)
    {
        var expression = schedule.Trim();
        if (expression.Length > 2 && expression.StartsWith('%') && expression.EndsWith('%'))
        {
            var name = expression[1..^1];
            expression = settings(name)?.Trim() ?? throw new FormatException($"Schedule setting '{name}' is not set.");
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is 5 or 6)
        {
            var cron = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 })
                ?? throw new FormatException($"'{expression}' is not a valid NCRONTAB expression.");
            return new TimerSchedule(expression, cron, null);
        }

        if (TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return new TimerSchedule(expression, null, interval);
        }

        throw new FormatException($"'{expression}' is neither an NCRONTAB expression (5 or 6 fields) nor an interval (hh:mm:ss).");
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC.</summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        if (_interval is { } interval)
        {
            return after.ToUniversalTime() + interval;
        }

        var next = _cron!.GetNextOccurrence(after.UtcDateTime);
        return new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }

    /// <inheritdoc />
    public override string ToString() => Expression;
}
