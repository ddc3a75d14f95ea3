using System.Globalization;
using Azure;

namespace Saison.Storage.Tests.Contract;

/// <summary>
/// The one contract of <see cref="ITableStore"/>, run against every backend (SQLite and the Azure
/// Table service on Azurite): what one backend does, the other does too. Each test works in a table
/// of its own, so backends may share one database or one emulator.
/// </summary>
public abstract class TableStoreContractTests
{
    protected abstract ITableStore Store { get; }

    protected async Task<string> NewTableAsync()
    {
        var table = "T" + Guid.NewGuid().ToString("N")[..20];
        await Store.CreateTableIfNotExistsAsync(table);
        return table;
    }

    private static string NewTableName() => "T" + Guid.NewGuid().ToString("N")[..20];

    // ---- tables and point reads ----

    [Fact]
    public async Task CreateTableIfNotExists_twice_is_harmless()
    {
        var table = await NewTableAsync();
        await Store.CreateTableIfNotExistsAsync(table);
        await Store.AddEntityAsync(table, new TableEntity("p", "r"));
        await Store.CreateTableIfNotExistsAsync(table);
        Assert.NotNull(await Store.GetEntityIfExistsAsync(table, "p", "r"));
    }

    [Fact]
    public async Task GetEntityIfExists_absent_entity_or_table_is_null()
    {
        var table = await NewTableAsync();
        Assert.Null(await Store.GetEntityIfExistsAsync(table, "p", "nobody"));
        Assert.Null(await Store.GetEntityIfExistsAsync(NewTableName(), "p", "r"));
    }

    [Fact]
    public async Task Query_on_a_missing_table_is_404()
    {
        var error = await Assert.ThrowsAsync<TableStoreException>(() => Store.QueryAsync(NewTableName(), TableQuery.Partition("p")));
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Writes_to_a_missing_table_are_404()
    {
        var error = await Assert.ThrowsAsync<TableStoreException>(() => Store.AddEntityAsync(NewTableName(), new TableEntity("p", "r")));
        Assert.Equal(404, error.Status);
    }

    // ---- types ----

    public static TheoryData<string, object> Values() => new()
    {
        { "string", "Saint-Nazaire — été 2027, « quai » 🌊" },
        { "empty string", string.Empty },
        { "int", 42 },
        { "int min", int.MinValue },
        { "int max", int.MaxValue },
        { "long", 1L },
        { "long min", long.MinValue },
        { "long max", long.MaxValue },
        { "long beyond double precision", 9_007_199_254_740_993L },
        { "double", 0.1 },
        { "double whole", 3.0 },
        { "double negative zero-ish", -1.5e-300 },
        { "double max", double.MaxValue },
        { "double NaN", double.NaN },
        { "double +inf", double.PositiveInfinity },
        { "double -inf", double.NegativeInfinity },
        { "bool true", true },
        { "bool false", false },
        { "date with 100 ns ticks", new DateTimeOffset(2027, 7, 14, 22, 30, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567) },
        { "earliest date", TableRules.MinDateTime },
        { "latest date", new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999) },
        { "guid", Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff") },
        { "binary", new byte[] { 0, 1, 2, 254, 255 } },
        { "empty binary", Array.Empty<byte>() },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public async Task A_value_round_trips_with_its_type(string label, object value)
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("types", label.Replace(' ', '_')) { ["Value"] = value };
        await Store.AddEntityAsync(table, entity);

        var read = await Store.GetEntityIfExistsAsync(table, "types", label.Replace(' ', '_'));

        Assert.NotNull(read);
        var actual = read["Value"];
        Assert.NotNull(actual);
        Assert.Equal(entity["Value"]!.GetType(), actual.GetType());
        switch (entity["Value"])
        {
            case DateTimeOffset expected:
                Assert.Equal(expected.UtcTicks, ((DateTimeOffset)actual).UtcTicks);
                break;
            case double expected when double.IsNaN(expected):
                Assert.True(double.IsNaN((double)actual));
                break;
            default:
                Assert.Equal(entity["Value"], actual);
                break;
        }

        // The same value comes back from a query too.
        var page = await Store.QueryAsync(table, TableQuery.Partition("types"));
        Assert.Equal(actual.GetType(), Assert.Single(page.Entities)["Value"]!.GetType());
    }

    [Fact]
    public async Task Every_type_in_one_entity_round_trips_and_system_properties_are_set()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.FromHours(1)).AddTicks(7);
        var entity = new TableEntity("p", "all")
        {
            ["S"] = "texte",
            ["I"] = -7,
            ["L"] = long.MaxValue,
            ["D"] = 2.5,
            ["B"] = true,
            ["T"] = when,
            ["G"] = Guid.NewGuid(),
            ["X"] = new byte[] { 9, 8, 7 },
        };
        var etag = await Store.AddEntityAsync(table, entity);

        var read = await Store.GetEntityIfExistsAsync(table, "p", "all");

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal(8, read.Count);
        Assert.Equal("texte", read.GetString("S"));
        Assert.Equal(-7, read.GetInt32("I"));
        Assert.Equal(long.MaxValue, read.GetInt64("L"));
        Assert.Equal(2.5, read.GetDouble("D"));
        Assert.True(read.GetBoolean("B"));
        Assert.Equal(when.UtcTicks, read.GetDateTimeOffset("T")!.Value.UtcTicks);
        Assert.Equal(entity["G"], read.GetGuid("G"));
        Assert.Equal(new byte[] { 9, 8, 7 }, read.GetBinary("X"));
    }

    [Fact]
    public async Task Keys_with_quotes_spaces_and_accents_round_trip()
    {
        var table = await NewTableAsync();
        foreach (var key in new[] { "l'été", "a b", "100%", "x&y=z", "ünï+cødé", "(parens)", "" })
        {
            await Store.AddEntityAsync(table, new TableEntity("k " + key, key) { ["Key"] = key });
            var read = await Store.GetEntityIfExistsAsync(table, "k " + key, key);
            Assert.NotNull(read);
            Assert.Equal(key, read.RowKey);
            Assert.Equal(key, read.GetString("Key"));
            await Store.DeleteEntityAsync(table, "k " + key, key, read.ETag);
        }
    }

    [Fact]
    public async Task A_string_of_64_KiB_is_stored_whole()
    {
        var table = await NewTableAsync();
        var text = new string('é', TableRules.MaxValueBytes / 2);
        await Store.AddEntityAsync(table, new TableEntity("p", "big") { ["Text"] = text, ["Bytes"] = new byte[TableRules.MaxValueBytes] });

        var read = await Store.GetEntityIfExistsAsync(table, "p", "big");

        Assert.Equal(text, read!.GetString("Text"));
        Assert.Equal(TableRules.MaxValueBytes, read.GetBinary("Bytes")!.Length);
    }

    // ---- rules, checked before any I/O (the table below does not even exist) ----

    [Fact]
    public async Task A_string_over_64_KiB_is_refused_naming_the_property()
    {
        var error = await Assert.ThrowsAsync<TableRuleViolationException>(() =>
            Store.AddEntityAsync(NewTableName(), new TableEntity("p", "r") { ["Text"] = new string('x', (TableRules.MaxValueBytes / 2) + 1) }));
        Assert.Equal("Text", error.Rule);
        Assert.Contains("65538", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_binary_over_64_KiB_is_refused()
    {
        var error = await Assert.ThrowsAsync<TableRuleViolationException>(() =>
            Store.AddEntityAsync(NewTableName(), new TableEntity("p", "r") { ["Blob"] = new byte[TableRules.MaxValueBytes + 1] }));
        Assert.Equal("Blob", error.Rule);
    }

    [Fact]
    public async Task An_entity_over_1_MiB_is_refused_clearly_never_truncated()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 17; i++)
        {
            entity["Part" + i.ToString(CultureInfo.InvariantCulture)] = new string('x', TableRules.MaxValueBytes / 2);
        }

        var error = await Assert.ThrowsAsync<TableRuleViolationException>(() => Store.AddEntityAsync(NewTableName(), entity));

        Assert.Equal("Entity", error.Rule);
        Assert.Contains("1048576", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_252_properties_are_refused()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 253; i++)
        {
            entity["P" + i.ToString(CultureInfo.InvariantCulture)] = i;
        }

        var error = await Assert.ThrowsAsync<TableRuleViolationException>(() => Store.AddEntityAsync(NewTableName(), entity));
        Assert.Equal("Properties", error.Rule);
    }

    [Theory]
    [InlineData("a/b", "'/'")]
    [InlineData("a\\b", "'\\'")]
    [InlineData("a#b", "'#'")]
    [InlineData("a?b", "'?'")]
    [InlineData("a\tb", "U+0009")]
    [InlineData("a\u007Fb", "U+007F")]
    [InlineData("a\u0085b", "U+0085")]
    public async Task Forbidden_key_characters_are_refused_saying_which(string key, string named)
    {
        var onPartition = await Assert.ThrowsAsync<TableRuleViolationException>(() => Store.AddEntityAsync(NewTableName(), new TableEntity(key, "r")));
        Assert.Equal("PartitionKey", onPartition.Rule);
        Assert.Equal(key, onPartition.Value);
        Assert.Contains(named, onPartition.Message, StringComparison.Ordinal);

        var onRow = await Assert.ThrowsAsync<TableRuleViolationException>(() => Store.GetEntityIfExistsAsync(NewTableName(), "p", key));
        Assert.Equal("RowKey", onRow.Rule);
    }

    [Fact]
    public async Task A_key_over_1_KiB_is_refused()
    {
        var error = await Assert.ThrowsAsync<TableRuleViolationException>(() =>
            Store.UpsertEntityAsync(NewTableName(), new TableEntity("p", new string('é', 513))));
        Assert.Equal("RowKey", error.Rule);
        Assert.Contains("1024 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("with-dash")]
    [InlineData("under_score")]
    public async Task Bad_table_names_are_refused(string table)
    {
        var error = await Assert.ThrowsAsync<TableRuleViolationException>(() => Store.CreateTableIfNotExistsAsync(table));
        Assert.Equal("TableName", error.Rule);
        Assert.Equal(table, error.Value);
    }

    [Theory]
    [InlineData("with-dash")]
    [InlineData("Timestamp")]
    [InlineData("PartitionKey")]
    [InlineData("9lives")]
    public async Task Bad_property_names_are_refused(string name)
    {
        var error = await Assert.ThrowsAsync<TableRuleViolationException>(() =>
            Store.AddEntityAsync(NewTableName(), new TableEntity("p", "r") { [name] = 1 }));
        Assert.Equal("PropertyName", error.Rule);
        Assert.Equal(name, error.Value);
    }

    [Fact]
    public async Task A_date_before_1601_is_refused()
    {
        var error = await Assert.ThrowsAsync<TableRuleViolationException>(() =>
            Store.AddEntityAsync(NewTableName(), new TableEntity("p", "r") { ["When"] = new DateTimeOffset(1600, 12, 31, 0, 0, 0, TimeSpan.Zero) }));
        Assert.Equal("When", error.Rule);
    }

    [Fact]
    public async Task A_page_size_over_1000_is_refused()
    {
        var error = await Assert.ThrowsAsync<TableRuleViolationException>(() =>
            Store.QueryAsync(NewTableName(), TableQuery.Partition("p") with { PageSize = 1001 }));
        Assert.Equal("PageSize", error.Rule);
    }

    // ---- writes, ETags, conflicts ----

    [Fact]
    public async Task Add_of_an_existing_entity_is_409()
    {
        var table = await NewTableAsync();
        await Store.AddEntityAsync(table, new TableEntity("p", "r") { ["V"] = 1 });

        var error = await Assert.ThrowsAsync<TableStoreException>(() => Store.AddEntityAsync(table, new TableEntity("p", "r") { ["V"] = 2 }));

        Assert.Equal(409, error.Status);
        Assert.True(error.IsConflict);
        Assert.Equal(TableErrorCodes.EntityAlreadyExists, error.ErrorCode);
        Assert.Equal(1, (await Store.GetEntityIfExistsAsync(table, "p", "r"))!.GetInt32("V"));
    }

    [Fact]
    public async Task Update_with_the_read_ETag_succeeds_and_changes_it()
    {
        var table = await NewTableAsync();
        var first = await Store.AddEntityAsync(table, new TableEntity("p", "r") { ["V"] = 1 });

        var second = await Store.UpdateEntityAsync(table, new TableEntity("p", "r") { ["V"] = 2 }, first);

        Assert.NotEqual(first, second);
        var read = await Store.GetEntityIfExistsAsync(table, "p", "r");
        Assert.Equal(second, read!.ETag);
        Assert.Equal(2, read.GetInt32("V"));
    }

    [Fact]
    public async Task Update_with_a_stale_ETag_is_412_and_changes_nothing()
    {
        var table = await NewTableAsync();
        var stale = await Store.AddEntityAsync(table, new TableEntity("p", "r") { ["V"] = 1 });
        await Store.UpdateEntityAsync(table, new TableEntity("p", "r") { ["V"] = 2 }, stale);

        var error = await Assert.ThrowsAsync<TableStoreException>(() => Store.UpdateEntityAsync(table, new TableEntity("p", "r") { ["V"] = 3 }, stale, TableUpdateMode.Merge));

        Assert.Equal(412, error.Status);
        Assert.True(error.IsPreconditionFailed);
        Assert.Equal(TableErrorCodes.UpdateConditionNotSatisfied, error.ErrorCode);
        Assert.Equal(2, (await Store.GetEntityIfExistsAsync(table, "p", "r"))!.GetInt32("V"));
    }

    [Fact]
    public async Task Update_with_any_ETag_overwrites_and_of_an_absent_entity_is_404()
    {
        var table = await NewTableAsync();
        await Store.AddEntityAsync(table, new TableEntity("p", "r") { ["V"] = 1 });

        await Store.UpdateEntityAsync(table, new TableEntity("p", "r") { ["V"] = 5 }, ETag.All);
        var absent = await Assert.ThrowsAsync<TableStoreException>(() => Store.UpdateEntityAsync(table, new TableEntity("p", "none"), ETag.All));

        Assert.Equal(5, (await Store.GetEntityIfExistsAsync(table, "p", "r"))!.GetInt32("V"));
        Assert.Equal(404, absent.Status);
    }

    [Fact]
    public async Task Update_without_an_ETag_is_refused_before_any_IO()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpdateEntityAsync(NewTableName(), new TableEntity("p", "r"), default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteEntityAsync(NewTableName(), "p", "r", default));
    }

    [Fact]
    public async Task A_whole_query_reads_every_page_as_an_async_stream()
    {
        var table = await NewTableAsync();
        await Store.SubmitTransactionAsync(table, [.. Enumerable.Range(0, 25).Select(i => TableTransactionAction.Add(new TableEntity("p", i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))))]);
        var keys = new List<string>();
        await foreach (var entity in Store.QueryAllAsync(table, TableQuery.Partition("p") with { PageSize = 7 }))
        {
            keys.Add(entity.RowKey);
        }

        Assert.Equal(Enumerable.Range(0, 25).Select(i => i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)), keys);
    }

    [Fact]
    public async Task An_update_merges_by_default_as_the_Azure_SDK_does()
    {
        var table = await NewTableAsync();
        var etag = await Store.AddEntityAsync(table, new TableEntity("p", "r") { ["A"] = "a" });
        await Store.UpdateEntityAsync(table, new TableEntity("p", "r") { ["B"] = "b" }, etag);
        var merged = await Store.GetEntityIfExistsAsync(table, "p", "r");
        Assert.Equal(["A", "B"], merged!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Merge_keeps_unnamed_properties_and_replace_drops_them()
    {
        var table = await NewTableAsync();
        var etag = await Store.AddEntityAsync(table, new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });

        etag = await Store.UpdateEntityAsync(table, new TableEntity("p", "r") { ["B"] = "b2", ["C"] = 3 }, etag, TableUpdateMode.Merge);
        var merged = await Store.GetEntityIfExistsAsync(table, "p", "r");
        await Store.UpdateEntityAsync(table, new TableEntity("p", "r") { ["C"] = 4 }, etag, TableUpdateMode.Replace);
        var replaced = await Store.GetEntityIfExistsAsync(table, "p", "r");

        Assert.Equal(["A", "B", "C"], merged!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("a", merged.GetString("A"));
        Assert.Equal("b2", merged.GetString("B"));
        Assert.Equal(["C"], replaced!.Keys);
        Assert.Equal(4, replaced.GetInt32("C"));
    }

    [Fact]
    public async Task Upsert_inserts_then_merges_or_replaces()
    {
        var table = await NewTableAsync();
        await Store.UpsertEntityAsync(table, new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2 });
        await Store.UpsertEntityAsync(table, new TableEntity("p", "r") { ["B"] = 20 }, TableUpdateMode.Merge);
        var merged = await Store.GetEntityIfExistsAsync(table, "p", "r");
        await Store.UpsertEntityAsync(table, new TableEntity("p", "r") { ["C"] = 30 }, TableUpdateMode.Replace);
        var replaced = await Store.GetEntityIfExistsAsync(table, "p", "r");

        Assert.Equal(1, merged!.GetInt32("A"));
        Assert.Equal(20, merged.GetInt32("B"));
        Assert.Equal(["C"], replaced!.Keys);
    }

    [Fact]
    public async Task Delete_honours_the_ETag()
    {
        var table = await NewTableAsync();
        var stale = await Store.AddEntityAsync(table, new TableEntity("p", "r") { ["V"] = 1 });
        var current = await Store.UpdateEntityAsync(table, new TableEntity("p", "r") { ["V"] = 2 }, stale);

        var mismatch = await Assert.ThrowsAsync<TableStoreException>(() => Store.DeleteEntityAsync(table, "p", "r", stale));
        Assert.NotNull(await Store.GetEntityIfExistsAsync(table, "p", "r"));
        await Store.DeleteEntityAsync(table, "p", "r", current);
        var absent = await Assert.ThrowsAsync<TableStoreException>(() => Store.DeleteEntityAsync(table, "p", "r", ETag.All));

        Assert.Equal(412, mismatch.Status);
        Assert.Null(await Store.GetEntityIfExistsAsync(table, "p", "r"));
        Assert.Equal(404, absent.Status);
    }

    // ---- queries and paging ----

    [Fact]
    public async Task A_partition_query_returns_only_that_partition_in_RowKey_order()
    {
        var table = await NewTableAsync();
        foreach (var (pk, rk) in new[] { ("a", "3"), ("b", "1"), ("a", "1"), ("a", "2"), ("ab", "0") })
        {
            await Store.AddEntityAsync(table, new TableEntity(pk, rk));
        }

        var page = await Store.QueryAsync(table, TableQuery.Partition("a"));

        Assert.Equal(["1", "2", "3"], page.Entities.Select(e => e.RowKey));
        Assert.All(page.Entities, e => Assert.Equal("a", e.PartitionKey));
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task RowKey_ranges_and_prefixes_select_a_slice()
    {
        var table = await NewTableAsync();
        foreach (var rk in new[] { "event|001", "event|002", "eventz", "milestone|001", "event" })
        {
            await Store.AddEntityAsync(table, new TableEntity("2027", rk));
        }

        var prefix = await Store.QueryAsync(table, TableQuery.RowKeyPrefix("2027", "event|"));
        var range = await Store.QueryAsync(table, TableQuery.Partition("2027") with { RowKeyFrom = "event|002", RowKeyTo = "n" });

        Assert.Equal(["event|001", "event|002"], prefix.Entities.Select(e => e.RowKey));
        Assert.Equal(["event|002", "milestone|001"], range.Entities.Select(e => e.RowKey));
    }

    [Fact]
    public async Task Property_filters_compare_typed_values_and_never_match_a_missing_property()
    {
        var table = await NewTableAsync();
        var day = new DateTimeOffset(2027, 7, 14, 0, 0, 0, TimeSpan.Zero);
        var guid = Guid.NewGuid();
        for (var i = 0; i < 6; i++)
        {
            var entity = new TableEntity("p", i.ToString(CultureInfo.InvariantCulture))
            {
                ["Count"] = i,
                ["Big"] = (long)i * 10_000_000_000L,
                ["Ratio"] = i / 2.0,
                ["Even"] = i % 2 == 0,
                ["When"] = day.AddDays(i),
                ["Name"] = "n'" + i.ToString(CultureInfo.InvariantCulture),
            };
            if (i == 3)
            {
                entity["Id"] = guid;
            }

            if (i == 5)
            {
                entity.Remove("Count");
            }

            await Store.AddEntityAsync(table, entity);
        }

        async Task<string[]> RowKeys(TableQuery query) => [.. (await Store.QueryAsync(table, query)).Entities.Select(e => e.RowKey)];
        var p = TableQuery.Partition("p");

        Assert.Equal(["3", "4"], await RowKeys(p.Where("Count", FilterOperator.GreaterThan, 2)));
        Assert.Equal(["0", "1", "2", "4"], await RowKeys(p.Where("Count", FilterOperator.NotEqual, 3)));
        Assert.Equal(["4", "5"], await RowKeys(p.Where("Big", FilterOperator.GreaterThanOrEqual, 40_000_000_000L)));
        Assert.Equal(["0", "1"], await RowKeys(p.Where("Ratio", FilterOperator.LessThan, 1.0)));
        Assert.Equal(["1", "3", "5"], await RowKeys(p.Where("Even", FilterOperator.Equal, false)));
        Assert.Equal(["0", "1"], await RowKeys(p.Where("When", FilterOperator.LessThanOrEqual, day.AddDays(1))));
        Assert.Equal(["2"], await RowKeys(p.Where("Name", FilterOperator.Equal, "n'2")));
        Assert.Equal(["3"], await RowKeys(p.Where("Id", FilterOperator.Equal, guid)));
        Assert.Equal(["2", "3"], await RowKeys(p.Where("Count", FilterOperator.GreaterThanOrEqual, 2).Where("Count", FilterOperator.LessThan, 4)));
        Assert.Equal(["1", "2"], await RowKeys(p.Where("RowKey", FilterOperator.GreaterThan, "0").Where("Ratio", FilterOperator.LessThanOrEqual, 1.0)));
    }

    [Fact]
    public async Task The_Timestamp_can_be_filtered_on()
    {
        var table = await NewTableAsync();
        await Store.AddEntityAsync(table, new TableEntity("p", "r"));
        var p = TableQuery.Partition("p");

        var since2000 = await Store.QueryAsync(table, p.Where("Timestamp", FilterOperator.GreaterThan, new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var after9000 = await Store.QueryAsync(table, p.Where("Timestamp", FilterOperator.GreaterThan, new DateTimeOffset(9000, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Single(since2000.Entities);
        Assert.Empty(after9000.Entities);
    }

    [Fact]
    public async Task Paging_walks_more_than_1000_entities_in_order_without_loss_or_repeat()
    {
        var table = await NewTableAsync();
        const int total = 1_050;
        await InsertManyAsync(table, "many", total);
        await InsertManyAsync(table, "other", 30);

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await Store.QueryAsync(table, TableQuery.Partition("many"), token);
            Assert.True(page.Entities.Count <= TableQuery.MaxPageSize);
            seen.AddRange(page.Entities.Select(e => e.RowKey));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 20);

        Assert.Null(token);
        Assert.True(pages >= 2, $"{pages} page(s) for {total} entities");
        Assert.Equal(Enumerable.Range(0, total).Select(Row), seen);
    }

    [Fact]
    public async Task Small_pages_with_a_filter_continue_until_the_end_even_if_a_page_is_empty()
    {
        var table = await NewTableAsync();
        await InsertManyAsync(table, "p", 250);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.QueryAsync(table, TableQuery.Partition("p").Where("N", FilterOperator.GreaterThanOrEqual, 240) with { PageSize = 4 }, token);
            Assert.True(page.Entities.Count <= 4);
            seen.AddRange(page.Entities.Select(e => e.RowKey));
            token = page.ContinuationToken;
        }
        while (token is not null && ++pages < 200);

        Assert.Null(token);
        Assert.Equal(Enumerable.Range(240, 10).Select(Row), seen);
    }

    [Fact]
    public async Task A_foreign_continuation_token_is_400()
    {
        var table = await NewTableAsync();
        var error = await Assert.ThrowsAsync<TableStoreException>(() => Store.QueryAsync(table, TableQuery.Partition("p"), "not*a*token"));
        Assert.Equal(400, error.Status);
    }

    // ---- entity-group transactions ----

    [Fact]
    public async Task A_transaction_applies_every_action_and_returns_ETags()
    {
        var table = await NewTableAsync();
        var updated = await Store.AddEntityAsync(table, new TableEntity("p", "u") { ["V"] = 1, ["Keep"] = "k" });
        var deleted = await Store.AddEntityAsync(table, new TableEntity("p", "d"));
        await Store.AddEntityAsync(table, new TableEntity("p", "r") { ["Old"] = 1 });

        var etags = await Store.SubmitTransactionAsync(table,
        [
            TableTransactionAction.Add(new TableEntity("p", "a") { ["V"] = 1 }),
            TableTransactionAction.UpdateMerge(new TableEntity("p", "u") { ["V"] = 2 }, updated),
            TableTransactionAction.Delete("p", "d", deleted),
            TableTransactionAction.UpsertMerge(new TableEntity("p", "m") { ["V"] = 3 }),
            TableTransactionAction.UpsertReplace(new TableEntity("p", "r") { ["New"] = 2 }),
        ]);

        Assert.Equal(5, etags.Count);
        Assert.Null(etags[2]);
        Assert.All(new[] { 0, 1, 3, 4 }, i => Assert.NotNull(etags[i]));
        Assert.Equal(etags[0], (await Store.GetEntityIfExistsAsync(table, "p", "a"))!.ETag);
        var u = await Store.GetEntityIfExistsAsync(table, "p", "u");
        Assert.Equal(2, u!.GetInt32("V"));
        Assert.Equal("k", u.GetString("Keep"));
        Assert.Null(await Store.GetEntityIfExistsAsync(table, "p", "d"));
        Assert.Equal(3, (await Store.GetEntityIfExistsAsync(table, "p", "m"))!.GetInt32("V"));
        Assert.Equal(["New"], (await Store.GetEntityIfExistsAsync(table, "p", "r"))!.Keys);
    }

    [Fact]
    public async Task A_failing_action_rolls_the_whole_transaction_back_and_is_named()
    {
        var table = await NewTableAsync();
        await Store.AddEntityAsync(table, new TableEntity("p", "exists") { ["V"] = 1 });
        var keep = await Store.AddEntityAsync(table, new TableEntity("p", "keep") { ["V"] = 1 });

        var error = await Assert.ThrowsAsync<TableStoreException>(() => Store.SubmitTransactionAsync(table,
        [
            TableTransactionAction.Add(new TableEntity("p", "new1")),
            TableTransactionAction.UpdateReplace(new TableEntity("p", "keep") { ["V"] = 2 }, keep),
            TableTransactionAction.Add(new TableEntity("p", "exists") { ["V"] = 2 }),
            TableTransactionAction.Add(new TableEntity("p", "new2")),
        ]));

        Assert.Equal(409, error.Status);
        Assert.Equal(2, error.FailedActionIndex);
        Assert.Null(await Store.GetEntityIfExistsAsync(table, "p", "new1"));
        Assert.Null(await Store.GetEntityIfExistsAsync(table, "p", "new2"));
        Assert.Equal(keep, (await Store.GetEntityIfExistsAsync(table, "p", "keep"))!.ETag);
        Assert.Equal(1, (await Store.GetEntityIfExistsAsync(table, "p", "exists"))!.GetInt32("V"));
    }

    [Fact]
    public async Task A_stale_ETag_in_a_transaction_is_412_at_its_index()
    {
        var table = await NewTableAsync();
        var stale = await Store.AddEntityAsync(table, new TableEntity("p", "r") { ["V"] = 1 });
        await Store.UpdateEntityAsync(table, new TableEntity("p", "r") { ["V"] = 2 }, stale);

        var error = await Assert.ThrowsAsync<TableStoreException>(() => Store.SubmitTransactionAsync(table,
        [
            TableTransactionAction.Add(new TableEntity("p", "a")),
            TableTransactionAction.UpdateMerge(new TableEntity("p", "r") { ["V"] = 3 }, stale),
        ]));

        Assert.Equal(412, error.Status);
        Assert.Equal(1, error.FailedActionIndex);
        Assert.Null(await Store.GetEntityIfExistsAsync(table, "p", "a"));
    }

    [Fact]
    public async Task A_transaction_of_100_actions_passes_and_of_101_is_refused_before_any_IO()
    {
        var table = await NewTableAsync();
        await InsertManyAsync(table, "p", 100);
        Assert.Equal(100, (await Store.QueryAsync(table, TableQuery.Partition("p"))).Entities.Count);

        var tooMany = Enumerable.Range(0, 101).Select(i => TableTransactionAction.Add(new TableEntity("p", Row(i)))).ToList();
        var error = await Assert.ThrowsAsync<TableRuleViolationException>(() => Store.SubmitTransactionAsync(NewTableName(), tooMany));

        Assert.Equal("Transaction", error.Rule);
        Assert.Contains("101", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transaction_over_4_MiB_is_refused_before_any_IO()
    {
        var actions = Enumerable.Range(0, 5).Select(i =>
        {
            var entity = new TableEntity("p", Row(i));
            for (var j = 0; j < 14; j++)
            {
                entity["Part" + j.ToString(CultureInfo.InvariantCulture)] = new string('x', TableRules.MaxValueBytes / 2);
            }

            return TableTransactionAction.Add(entity);
        }).ToList();

        var error = await Assert.ThrowsAsync<TableRuleViolationException>(() => Store.SubmitTransactionAsync(NewTableName(), actions));

        Assert.Equal("Transaction", error.Rule);
        Assert.Contains("4194304", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transaction_across_partitions_or_naming_an_entity_twice_is_refused()
    {
        var mixed = await Assert.ThrowsAsync<TableRuleViolationException>(() => Store.SubmitTransactionAsync(NewTableName(),
        [
            TableTransactionAction.Add(new TableEntity("a", "1")),
            TableTransactionAction.Add(new TableEntity("b", "1")),
        ]));
        var twice = await Assert.ThrowsAsync<TableRuleViolationException>(() => Store.SubmitTransactionAsync(NewTableName(),
        [
            TableTransactionAction.Add(new TableEntity("a", "1")),
            TableTransactionAction.Delete("a", "1", ETag.All),
        ]));
        var empty = await Assert.ThrowsAsync<TableRuleViolationException>(() => Store.SubmitTransactionAsync(NewTableName(), []));

        Assert.Equal("Transaction", mixed.Rule);
        Assert.Equal("b", mixed.Value);
        Assert.Equal("Transaction", twice.Rule);
        Assert.Equal("Transaction", empty.Rule);
    }

    // ---- concurrency ----

    [Fact]
    public async Task Thirty_two_writers_incrementing_one_counter_with_If_Match_end_with_the_exact_count()
    {
        var table = await NewTableAsync();
        await Store.AddEntityAsync(table, new TableEntity("counters", "visits") { ["Count"] = 0 });
        const int writers = 32;
        var conflicts = 0;

        async Task IncrementAsync()
        {
            while (true)
            {
                var current = await Store.GetEntityIfExistsAsync(table, "counters", "visits");
                try
                {
                    await Store.UpdateEntityAsync(table, new TableEntity("counters", "visits") { ["Count"] = current!.GetInt32("Count")!.Value + 1 }, current.ETag);
                    return;
                }
                catch (TableStoreException e) when (e.IsPreconditionFailed)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(IncrementAsync)));

        Assert.Equal(writers, (await Store.GetEntityIfExistsAsync(table, "counters", "visits"))!.GetInt32("Count"));
    }

    protected async Task InsertManyAsync(string table, string partition, int count)
    {
        for (var start = 0; start < count; start += TableRules.MaxTransactionActions)
        {
            var actions = Enumerable.Range(start, Math.Min(TableRules.MaxTransactionActions, count - start))
                .Select(i => TableTransactionAction.Add(new TableEntity(partition, Row(i)) { ["N"] = i, ["Payload"] = "x" }))
                .ToList();
            await Store.SubmitTransactionAsync(table, actions);
        }
    }

    protected static string Row(int i) => i.ToString("D5", CultureInfo.InvariantCulture);
}
