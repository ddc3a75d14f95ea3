using Saison.Storage;

namespace Saison.Application.Tests;

/// <summary>
/// A temporary folder holding one SQLite store file, deleted at the end: each <see cref="Open"/> is another store over
/// that same file, as another process of the app would open it.
/// </summary>
internal sealed class SqliteFolder : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "saison-application-tests", Guid.NewGuid().ToString("N"));

    public SqliteFolder() => Directory.CreateDirectory(_directory);

    public ITableStore Open() => TableStoreFactory.Create(new StorageOptions { DataDirectory = _directory }, TimeProvider.System);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
