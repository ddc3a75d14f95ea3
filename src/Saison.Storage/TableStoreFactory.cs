using Azure.Identity;
using Saison.Storage.AzureTables;
using Saison.Storage.Sqlite;

namespace Saison.Storage;

/// <summary>Chooses the backend from <see cref="StorageOptions"/>.</summary>
public static class TableStoreFactory
{
    /// <summary>
    /// No connection string and no account URI → SQLite in the data folder; a connection string with a
    /// key (<c>UseDevelopmentStorage=true</c> included) → the Table service with SharedKeyLite;
    /// <see cref="StorageOptions.AccountUri"/> (or a connection string without a key) → the Table
    /// service with Entra ID through <see cref="DefaultAzureCredential"/> (managed identity in Azure).
    /// </summary>
    public static ITableStore Create(StorageOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var connection = TableConnectionString.Parse(options.ConnectionString);
            return connection.AccountKey is not null
                ? new AzureTableStore(connection)
                : new AzureTableStore(connection.TableEndpoint, new DefaultAzureCredential());
        }

        if (options.AccountUri is not null)
        {
            return new AzureTableStore(options.AccountUri, new DefaultAzureCredential());
        }

        return new SqliteTableStore(Path.Combine(options.DataDirectory, options.DatabaseFileName), timeProvider);
    }
}
