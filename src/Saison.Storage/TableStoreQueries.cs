using System.Runtime.CompilerServices;

namespace Saison.Storage;

/// <summary>The SDK's shape for reading a whole query: every entity, page after page, as they come.</summary>
public static class TableStoreQueries
{
    /// <summary>
    /// Every entity <paramref name="query"/> selects, following the continuation tokens (the service pages
    /// at 1,000 entities or 5 s, and a page may be empty yet continue), as <c>QueryAsync</c> does in Azure.Data.Tables.
    /// </summary>
    public static async IAsyncEnumerable<TableEntity> QueryAllAsync(this ITableStore store, string table, TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        string? token = null;
        do
        {
            var page = await store.QueryAsync(table, query, token, cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Entities)
            {
                yield return entity;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
