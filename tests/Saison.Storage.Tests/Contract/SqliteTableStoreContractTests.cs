using Saison.Storage.Sqlite;

namespace Saison.Storage.Tests.Contract;

/// <summary>The contract on the embedded backend: a SQLite file in a temp folder per test.</summary>
public sealed class SqliteTableStoreContractTests : TableStoreContractTests, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("saison-sqlite-");
    private readonly SqliteTableStore _store;

    public SqliteTableStoreContractTests() => _store = new SqliteTableStore(Path.Combine(_folder.FullName, "contract.db"));

    protected override ITableStore Store => _store;

    public void Dispose()
    {
        _store.Dispose();
        _folder.Delete(recursive: true);
    }
}
