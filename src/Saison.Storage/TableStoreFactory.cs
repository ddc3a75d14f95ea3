using Saison.Storage.Sqlite;

namespace Saison.Storage;

/// <summary>Chooses the backend from <see cref="StorageOptions"/>.</summary>
public static class TableStoreFactory
{
    public static ITableStore Create(StorageOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString) && options.AccountUri is null)
        {
            return new SqliteTableStore(Path.Combine(options.DataDirectory, options.DatabaseFileName), timeProvider);
        }

        // The Azure Table service backend is added with issue 3 (Saison.Storage/AzureTables).
        throw new NotSupportedException("The Azure Table service backend is not available in this build.");
    }
}
