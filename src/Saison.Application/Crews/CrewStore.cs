using System.Globalization;
using Azure;
using Saison.Application.Persistence;
using Saison.Storage;

namespace Saison.Application.Crews;

/// <summary>
/// Where crews and the crew schedule live. Crews: table <c>Crews</c>, partition = season. The
/// schedule: table <c>CrewPlans</c>, one entity per task (bounded, about 1 kB, whatever the season's
/// size), written as a <b>generation</b>:
/// <list type="bullet">
/// <item><c>(2027, head)</c>: the schedule's head — which generation is the current plan, which one is
/// published, version and counts; its ETag is the schedule's ETag;</item>
/// <item><c>(2027, generation~{id})</c>: one marker per generation written, so an unfinished or
/// superseded one is found and deleted;</item>
/// <item><c>(2027~{id}, {day}~{task})</c>: the generation's tasks, each with its agent or why nobody
/// could take it, keyed by local day so a date range is one RowKey range.</item>
/// </list>
/// A plan writes its generation's tasks (100 per transaction) and only then switches the head with
/// If-Match: readers see the old plan or the new one, never part of one; a crash mid-way leaves an
/// unreferenced generation the next plan deletes. A generation is never changed once written: the last few read
/// or written are kept in memory whole, and a head that names one is served without reading its tasks again.
/// </summary>
public sealed class CrewStore
{
    public const string CrewTable = "Crews";
    public const string PlanTable = "CrewPlans";
    public const string HeadRow = "head";
    public const string GenerationPrefix = "generation~";
    private const int ParallelBatches = 4;
    private const int GenerationsKept = 4;
    private readonly ITableStore _tables;

    // Whole generations (immutable once written), in RowKey order, the last few read or written.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Season, string Generation), IReadOnlyList<ScheduledTaskRecord>> _generations = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<(int Season, string Generation)> _kept = new();

    public CrewStore(ITableStore store)
    {
        _tables = store;
        Crews = new DocumentTable<Crew>(store, CrewTable, c => [new("ServiceId", c.ServiceId)]);
        Heads = new DocumentTable<CrewScheduleHead>(store, PlanTable);
        Generations = new DocumentTable<ScheduleGeneration>(store, PlanTable);
        Tasks = new DocumentTable<ScheduledTaskRecord>(store, PlanTable, t => [new("AgentId", t.AgentId ?? string.Empty), new("Skill", t.Task.Skill)]);
    }

    public DocumentTable<Crew> Crews { get; }

    public DocumentTable<CrewScheduleHead> Heads { get; }

    public DocumentTable<ScheduleGeneration> Generations { get; }

    public DocumentTable<ScheduledTaskRecord> Tasks { get; }

    public static string Key(int season) => season.ToString(CultureInfo.InvariantCulture);

    /// <summary>The partition of one generation's tasks.</summary>
    public static string GenerationPartition(int season, string generation) => Key(season) + "~" + generation;

    /// <summary>A task's RowKey: its local day first, so a date range is a RowKey range.</summary>
    public static string TaskRow(ScheduledTaskRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return DayKey(DateOnly.FromDateTime(record.Task.Start.DateTime)) + "~" + record.Task.Id;
    }

    private static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Inserts or replaces a crew (sample loading: idempotent).</summary>
    public Task UpsertCrewAsync(int season, Crew crew, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(crew);
        return Crews.UpsertAsync(Key(season), crew.Id, crew, cancellationToken);
    }

    /// <summary>The schedule's head with its ETag; <c>null</c> before the first plan.</summary>
    public Task<Versioned<CrewScheduleHead>?> GetHeadAsync(int season, CancellationToken cancellationToken = default) =>
        Heads.GetAsync(Key(season), HeadRow, cancellationToken);

    /// <summary>The head's insertion (<paramref name="ifMatch"/> null) or its replacement if it still has that ETag: 409 or 412 when another plan won.</summary>
    public TableTransactionAction HeadWrite(int season, CrewScheduleHead head, ETag? ifMatch)
    {
        var entity = Heads.ToEntity(Key(season), HeadRow, head);
        return ifMatch is { } match ? TableTransactionAction.UpdateReplace(entity, match) : TableTransactionAction.Add(entity);
    }

    /// <summary>
    /// Writes a generation: its marker first (so it can always be found and deleted), then its tasks,
    /// 100 per entity-group transaction, a few transactions at a time.
    /// </summary>
    public async Task WriteGenerationAsync(int season, ScheduleGeneration generation, IReadOnlyList<ScheduledTaskRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generation);
        ArgumentNullException.ThrowIfNull(records);
        await Generations.InsertAsync(Key(season), GenerationPrefix + generation.Id, generation, cancellationToken).ConfigureAwait(false);
        var partition = GenerationPartition(season, generation.Id);
        var batches = records.Chunk(TableRules.MaxTransactionActions)
            .Select(chunk => (IReadOnlyList<TableTransactionAction>)[.. chunk.Select(r => TableTransactionAction.Add(Tasks.ToEntity(partition, TaskRow(r), r)))])
            .ToList();
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelBatches, CancellationToken = cancellationToken },
            async (batch, ct) => await Tasks.SubmitAsync(batch, ct).ConfigureAwait(false)).ConfigureAwait(false);
        Keep(season, generation.Id, [.. records.OrderBy(TaskRow, StringComparer.Ordinal)]);
    }

    private void Keep(int season, string generation, IReadOnlyList<ScheduledTaskRecord> records)
    {
        if (_generations.TryAdd((season, generation), records))
        {
            _kept.Enqueue((season, generation));
        }

        while (_kept.Count > GenerationsKept && _kept.TryDequeue(out var oldest))
        {
            _generations.TryRemove(oldest, out _);
        }
    }

    /// <summary>The day a generation's first task starts: its first RowKey (a page of one entity), or the generation kept in memory.</summary>
    public async Task<DateOnly?> FirstDayAsync(int season, string generation, CancellationToken cancellationToken = default)
    {
        if (_generations.TryGetValue((season, generation), out var kept))
        {
            return kept.Count == 0 ? null : DateOnly.FromDateTime(kept[0].Task.Start.DateTime);
        }

        var first = await _tables.QueryAsync(PlanTable, new TableQuery { PartitionKey = GenerationPartition(season, generation), PageSize = 1 }, null, cancellationToken).ConfigureAwait(false);
        return first.Entities.Count == 0 ? null : DateOnly.FromDateTime(DocumentTable<ScheduledTaskRecord>.Deserialize(first.Entities[0]).Task.Start.DateTime);
    }

    /// <summary>A generation's tasks, all of them (one query) or those whose local day lies in [<paramref name="from"/>, <paramref name="to"/>] (one RowKey range).</summary>
    public async Task<IReadOnlyList<ScheduledTaskRecord>> ReadGenerationAsync(int season, string generation, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        var partition = GenerationPartition(season, generation);
        var (rowFrom, rowTo) = (from is { } first && first > DateOnly.MinValue ? DayKey(first) : null, to is { } last && last < DateOnly.MaxValue ? DayKey(last.AddDays(1)) : null);
        if (_generations.TryGetValue((season, generation), out var kept))
        {
            // The RowKey range by the day it starts with: [first, last] (a RowKey is its task's local day, then its id).
            return rowFrom is null && rowTo is null ? kept
                : [.. kept.Where(r => DateOnly.FromDateTime(r.Task.Start.DateTime) is var day && (rowFrom is null || day >= from) && (rowTo is null || day <= to))];
        }

        var query = new TableQuery { PartitionKey = partition, RowKeyFrom = rowFrom, RowKeyTo = rowTo };
        var records = new List<ScheduledTaskRecord>();
        await foreach (var entity in _tables.QueryAllAsync(PlanTable, query, cancellationToken).ConfigureAwait(false))
        {
            records.Add(DocumentTable<ScheduledTaskRecord>.Deserialize(entity));
        }

        if (rowFrom is null && rowTo is null)
        {
            Keep(season, generation, records);
        }

        return records;
    }

    /// <summary>
    /// Deletes the generations no head points to any more: those neither current nor published, and
    /// written for a version the head has reached (a newer one may still be being written by a plan in
    /// progress). Safe to run twice at once: what is already gone is skipped.
    /// </summary>
    public async Task<int> CollectAsync(int season, CancellationToken cancellationToken = default)
    {
        var head = (await GetHeadAsync(season, cancellationToken).ConfigureAwait(false))?.Value;
        if (head is null)
        {
            return 0;
        }

        var deleted = 0;
        foreach (var marker in await Generations.ListAsync(Key(season), GenerationPrefix, cancellationToken).ConfigureAwait(false))
        {
            var generation = marker.Value;
            if (generation.Id == head.Generation || generation.Id == head.PublishedGeneration || generation.Version > head.Version)
            {
                continue;
            }

            var partition = GenerationPartition(season, generation.Id);
            var rows = new List<TableEntity>();
            await foreach (var entity in _tables.QueryAllAsync(PlanTable, TableQuery.Partition(partition), cancellationToken).ConfigureAwait(false))
            {
                rows.Add(entity);
            }

            foreach (var chunk in rows.Chunk(TableRules.MaxTransactionActions))
            {
                await IgnoringGoneAsync(() => Tasks.SubmitAsync([.. chunk.Select(e => TableTransactionAction.Delete(e.PartitionKey, e.RowKey, e.ETag))], cancellationToken)).ConfigureAwait(false);
            }

            await IgnoringGoneAsync(() => Generations.DeleteAsync(Key(season), GenerationPrefix + generation.Id, marker.ETag, cancellationToken)).ConfigureAwait(false);
            _generations.TryRemove((season, generation.Id), out _);
            deleted++;
        }

        return deleted;
    }

    private static async Task IgnoringGoneAsync(Func<Task> delete)
    {
        try
        {
            await delete().ConfigureAwait(false);
        }
        catch (TableStoreException e) when (e.IsNotFound || e.IsPreconditionFailed)
        {
            // Another collection deleted it first.
        }
    }
}
