using Azure.Identity;
using Saison.Storage.AzureTables;
using Saison.Storage.Sqlite;

namespace Saison.Storage;

/// <summary>Chooses the backend from <see cref="StorageOptions"/>.</summary>
public static class TableStoreFactory
{
    /// <summary>
    /// No connection string and no account URI → SQLite in the data folder; a connection string
    /// (<c>UseDevelopmentStorage=true</c> or an account key) → the Table service through the Azure SDK,
    /// which reads the string; <see cref="StorageOptions.AccountUri"/> → the Table service with Entra ID
    /// through <see cref="DefaultAzureCredential"/> (managed identity in Azure).
    /// </summary>
    public static ITableStore Create(StorageOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new AzureTableStore(options.ConnectionString);
        }

        if (options.AccountUri is not null)
        {
            return new AzureTableStore(options.AccountUri, new DefaultAzureCredential());
        }

        return new SqliteTableStore(Path.Combine(options.DataDirectory, options.DatabaseFileName), timeProvider, options.FlushEachCommit);
    }
}
