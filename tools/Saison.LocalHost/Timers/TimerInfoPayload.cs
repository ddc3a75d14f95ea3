using System.Text.Json;

namespace Saison.LocalHost.Timers;

/// <summary>
/// The timer trigger's input as the Functions host sends it to a worker: the JSON form of
/// <c>TimerInfo</c> (schedule status and whether the occurrence is past due).
/// </summary>
internal static class TimerInfoPayload
{
    /// <summary>The JSON the worker's Timer extension binds a <c>TimerInfo</c> parameter from.</summary>
    /// <param name="last">The previous occurrence, if any.</param>
    /// <param name="next">The occurrence after this one.</param>
    /// <param name="now">When this one fires.</param>
    /// <param name="isPastDue">Whether this occurrence is late.</param>
    public static string Json(DateTimeOffset? last, DateTimeOffset next, DateTimeOffset now, bool isPastDue) =>
        JsonSerializer.Serialize(new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new
            {
                Last = last ?? DateTimeOffset.MinValue,
                Next = next,
                LastUpdated = now,
            },
            IsPastDue = isPastDue,
        });
}
