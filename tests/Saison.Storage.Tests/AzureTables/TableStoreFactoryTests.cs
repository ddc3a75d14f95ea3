using Saison.Storage.AzureTables;
using Saison.Storage.Sqlite;

namespace Saison.Storage.Tests.AzureTables;

public sealed class TableStoreFactoryTests
{
    [Fact]
    public void No_connection_string_is_SQLite_in_the_data_folder()
    {
        var folder = Directory.CreateTempSubdirectory("saison-factory-");
        try
        {
            using var store = Assert.IsType<SqliteTableStore>(TableStoreFactory.Create(new StorageOptions { DataDirectory = folder.FullName }));
            Assert.Equal("sqlite", store.Kind);
            Assert.Equal(Path.Combine(folder.FullName, "saison.db"), store.DatabasePath);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Development_storage_is_the_Table_service_on_Azurite()
    {
        var store = Assert.IsType<AzureTableStore>(TableStoreFactory.Create(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }));
        Assert.Equal("azure-table", store.Kind);
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", store.Endpoint.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public void An_account_uri_without_a_key_is_the_Table_service_with_Entra_ID()
    {
        var store = Assert.IsType<AzureTableStore>(TableStoreFactory.Create(new StorageOptions { AccountUri = new Uri("https://saisonprod.table.core.windows.net") }));
        Assert.Equal("https://saisonprod.table.core.windows.net", store.Endpoint.AbsoluteUri.TrimEnd('/'));
    }
}
