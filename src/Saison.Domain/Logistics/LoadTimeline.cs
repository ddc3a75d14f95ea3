namespace Saison.Domain.Logistics;

/// <summary>
/// The load of one resource over time on a fixed grid of slots: add units over an interval, read
/// the peak load over an interval, both in O(log n) (a segment tree with lazy range additions).
/// Intervals are widened outward to whole slots, so a rounding can only make the allocator more
/// careful, never over-allocate.
/// </summary>
/// <remarks>
/// Its arrays (a few hundred kilobytes for a season in 15-minute slots) are rented from a pool of its own and
/// given back on <see cref="Dispose"/>: the allocator makes two per resource at every decision. Not the shared pool:
/// it gives its arrays up at every full collection, and arrays this size then come from the large object heap, whose
/// allocations bring on the next full collection.
/// </remarks>
public sealed class LoadTimeline : IDisposable
{
    private static readonly System.Buffers.ArrayPool<int> Pool = System.Buffers.ArrayPool<int>.Create(1 << 24, 64);

    private readonly long _originTicks;
    private readonly long _slotTicks;
    private readonly int _size;
    private readonly int[] _max;
    private readonly int[] _lazy;
    private bool _disposed;

    /// <summary>A grid from <paramref name="from"/> to <paramref name="to"/> in slots of <paramref name="slot"/>.</summary>
    public LoadTimeline(DateTimeOffset from, DateTimeOffset to, TimeSpan slot)
    {
        if (slot <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), "A slot lasts some time.");
        }

        if (to <= from)
        {
            throw new ArgumentException("The grid ends after it starts.", nameof(to));
        }

        _slotTicks = slot.Ticks;
        _originTicks = from.UtcTicks - (from.UtcTicks % _slotTicks);
        _size = (int)((to.UtcTicks - _originTicks + _slotTicks - 1) / _slotTicks);
        _max = Pool.Rent(4 * _size);
        _lazy = Pool.Rent(4 * _size);
        Array.Clear(_max, 0, 4 * _size);
        Array.Clear(_lazy, 0, 4 * _size);
    }

    public int Slots => _size;

    /// <summary>Where the grid starts (on a slot boundary).</summary>
    public DateTimeOffset From => new(_originTicks, TimeSpan.Zero);

    /// <summary>Where the grid ends.</summary>
    public DateTimeOffset To => new(_originTicks + (_size * _slotTicks), TimeSpan.Zero);

    /// <summary>The length of a slot.</summary>
    public TimeSpan Slot => TimeSpan.FromTicks(_slotTicks);

    /// <summary>Gives the arrays back to the pool; the timeline is not used afterwards.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Pool.Return(_max);
            Pool.Return(_lazy);
        }
    }

    /// <summary>Adds <paramref name="units"/> over [start, end).</summary>
    public void Add(DateTimeOffset start, DateTimeOffset end, int units)
    {
        if (units == 0)
        {
            return;
        }

        var (first, last) = SlotsOf(start, end);
        Add(1, 0, _size - 1, first, last, units);
    }

    /// <summary>The highest load at any instant of [start, end).</summary>
    public int Peak(DateTimeOffset start, DateTimeOffset end)
    {
        var (first, last) = SlotsOf(start, end);
        return Peak(1, 0, _size - 1, first, last);
    }

    /// <summary>Whether [start, end) lies on the grid.</summary>
    public bool Covers(DateTimeOffset start, DateTimeOffset end) => start.UtcTicks >= _originTicks && end.UtcTicks <= _originTicks + (_size * _slotTicks) && end > start;

    private (int First, int Last) SlotsOf(DateTimeOffset start, DateTimeOffset end)
    {
        if (!Covers(start, end))
        {
            throw new ArgumentOutOfRangeException(nameof(start), "The interval lies outside the timeline.");
        }

        var first = (int)((start.UtcTicks - _originTicks) / _slotTicks);
        var last = (int)(((end.UtcTicks - _originTicks) + _slotTicks - 1) / _slotTicks) - 1;
        return (first, Math.Max(first, last));
    }

    private void Add(int node, int low, int high, int first, int last, int units)
    {
        if (first <= low && high <= last)
        {
            _max[node] += units;
            _lazy[node] += units;
            return;
        }

        var mid = (low + high) / 2;
        if (first <= mid)
        {
            Add(2 * node, low, mid, first, last, units);
        }

        if (last > mid)
        {
            Add((2 * node) + 1, mid + 1, high, first, last, units);
        }

        _max[node] = Math.Max(_max[2 * node], _max[(2 * node) + 1]) + _lazy[node];
    }

    private int Peak(int node, int low, int high, int first, int last)
    {
        if (first <= low && high <= last)
        {
            return _max[node];
        }

        var mid = (low + high) / 2;
        var best = int.MinValue;
        if (first <= mid)
        {
            best = Peak(2 * node, low, mid, first, last);
        }

        if (last > mid)
        {
            best = Math.Max(best, Peak((2 * node) + 1, mid + 1, high, first, last));
        }

        return best + _lazy[node];
    }
}
