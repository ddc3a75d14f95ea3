using System.Globalization;
using BenchmarkDotNet.Attributes;
using Saison.Storage;
using Saison.Storage.Sqlite;
using Saison.Storage.Tests.Azurite;

namespace Saison.Benchmarks;

/// <summary>
/// The table store's basic operations on each backend: SQLite in a temp file, and the Azure Table
/// service backend on Azurite (in memory, started here from the project's npm dependency).
/// Run: <c>dotnet run -c Release --project tests/Saison.Benchmarks -- --filter *StorageBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class StorageBenchmarks
{
    private const string Table = "Bench";
    private ITableStore _store = null!;
    private AzuriteServer? _azurite;
    private DirectoryInfo? _folder;
    private int _next;
    private List<TableTransactionAction> _transaction = null!;

    [Params("sqlite", "azurite")]
    public string Backend { get; set; } = "sqlite";

    // Synchronous on purpose: BenchmarkDotNet's in-process toolchains do not await an async setup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        if (Backend == "azurite")
        {
            _azurite = await AzuriteServer.StartAsync();
            _store = _azurite.CreateStore();
        }
        else
        {
            _folder = Directory.CreateTempSubdirectory("saison-bench-");
            _store = new SqliteTableStore(Path.Combine(_folder.FullName, "bench.db"));
        }

        await _store.CreateTableIfNotExistsAsync(Table);
        await _store.UpsertEntityAsync(Table, Entity("point", "one"));
        for (var start = 0; start < 1_000; start += 100)
        {
            await _store.SubmitTransactionAsync(Table, [.. Enumerable.Range(start, 100).Select(i => TableTransactionAction.UpsertReplace(Entity("query", Key(i))))]);
        }

        _transaction = [.. Enumerable.Range(0, 100).Select(i => TableTransactionAction.UpsertReplace(Entity("transaction", Key(i))))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        (_store as IDisposable)?.Dispose();
        _azurite?.Dispose();
        _folder?.Delete(recursive: true);
    }

    [Benchmark(Description = "point read")]
    public Task<TableEntity?> PointRead() => _store.GetEntityIfExistsAsync(Table, "point", "one");

    [Benchmark(Description = "insert")]
    public Task Insert() => _store.AddEntityAsync(Table, Entity("insert", Key(Interlocked.Increment(ref _next))));

    [Benchmark(Description = "partition query, 1,000 entities")]
    public async Task<int> PartitionQuery()
    {
        var page = await _store.QueryAsync(Table, TableQuery.Partition("query"));
        return page.Entities.Count;
    }

    [Benchmark(Description = "transaction, 100 entities")]
    public Task Transaction() => _store.SubmitTransactionAsync(Table, _transaction);

    private static string Key(int i) => i.ToString("D7", CultureInfo.InvariantCulture);

    // About the size of a Saison record: a few typed fields and a JSON document.
    private static TableEntity Entity(string partition, string row) => new(partition, row)
    {
        ["Kind"] = "event",
        ["Season"] = 2027,
        ["Version"] = 3L,
        ["Starts"] = new DateTimeOffset(2027, 7, 14, 21, 0, 0, TimeSpan.FromHours(2)),
        ["Data"] = new string('d', 600),
    };
}
