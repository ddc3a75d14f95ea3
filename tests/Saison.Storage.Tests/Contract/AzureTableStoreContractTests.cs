using Saison.Storage.AzureTables;
using Saison.Storage.Tests.Azurite;

namespace Saison.Storage.Tests.Contract;

/// <summary>The contract on the Azure Table service backend, against Azurite started from the project's npm dependency.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableStoreContractTests(AzuriteFixture azurite) : TableStoreContractTests
{
    private readonly AzureTableStore _store = azurite.Server.CreateStore();

    protected override ITableStore Store => _store;
}
