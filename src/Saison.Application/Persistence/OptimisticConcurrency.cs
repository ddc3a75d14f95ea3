using Saison.Storage;

namespace Saison.Application.Persistence;

/// <summary>Read – decide – write with If-Match, again from the start when someone wrote first.</summary>
public static class OptimisticConcurrency
{
    public const int DefaultAttempts = 64;

    /// <summary>
    /// Runs <paramref name="attempt"/> until it completes without an ETag conflict (412) or a lost
    /// insert race (409). Each attempt must re-read what it decides on.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> attempt, int maxAttempts = DefaultAttempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (TableStoreException e) when ((e.IsPreconditionFailed || e.ErrorCode == TableErrorCodes.EntityAlreadyExists) && i < maxAttempts)
            {
                // Jittered pause so racing writers do not collide again in lockstep.
                await Task.Delay(Random.Shared.Next(1, Math.Min(50, 2 * i)), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
