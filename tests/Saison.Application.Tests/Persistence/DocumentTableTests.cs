using System.Reflection;
using Saison.Application.Logistics;
using Saison.Application.Persistence;
using Saison.Application.Seasons;
using Saison.Domain.Logistics;
using Saison.Domain.Organisers;
using Saison.Domain.Seasons;
using Saison.Storage;

namespace Saison.Application.Tests.Persistence;

/// <summary>
/// A table that keeps records as parsed (<see cref="DocumentTable{T}.KeepingParsed"/>) on real SQLite: it answers
/// what the store holds now, a write by another process (a second store over the same file) included, and only the
/// parsing of an unchanged record is saved.
/// </summary>
public sealed class DocumentTableTests : IDisposable
{
    private const string Partition = "2027";
    private readonly SqliteFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private ITableStore Open() => _folder.Open();

    private static DocumentTable<Organiser> Kept(ITableStore store) => DocumentTable<Organiser>.KeepingParsed(store, "Organisers");

    [Fact]
    public async Task A_write_by_another_process_is_seen_by_the_next_read()
    {
        var here = Kept(Open());
        var elsewhere = Kept(Open());
        var etag = await elsewhere.InsertAsync(Partition, "asso", new Organiser("asso", "Association", OrganiserKind.Association));
        Assert.Equal("Association", (await here.GetAsync(Partition, "asso"))!.Value.Name);
        Assert.Equal("Association", Assert.Single(await here.ListAsync(Partition)).Value.Name);

        var renamed = await elsewhere.ReplaceAsync(Partition, "asso", new Organiser("asso", "Renommée", OrganiserKind.Association), etag);
        await elsewhere.InsertAsync(Partition, "ville", new Organiser("ville", "Ville", OrganiserKind.CityService));

        var read = await here.GetAsync(Partition, "asso");
        Assert.Equal(("Renommée", renamed), (read!.Value.Name, read.ETag));
        Assert.Equal(["Renommée", "Ville"], (await here.ListAsync(Partition)).Select(o => o.Value.Name));

        await elsewhere.DeleteAsync(Partition, "asso", renamed);
        Assert.Null(await here.GetAsync(Partition, "asso"));
        Assert.Equal(["Ville"], (await here.ListAsync(Partition)).Select(o => o.Value.Name));
    }

    [Fact]
    public async Task An_unchanged_record_is_not_parsed_again_and_a_changed_one_is()
    {
        var store = Open();
        var kept = Kept(store);
        var plain = new DocumentTable<Organiser>(store, "Organisers");
        var etag = await plain.InsertAsync(Partition, "asso", new Organiser("asso", "Association", OrganiserKind.Association));

        var first = await kept.GetAsync(Partition, "asso");
        var listed = Assert.Single(await kept.ListAsync(Partition));
        Assert.Same(first!.Value, listed.Value);
        Assert.NotSame((await plain.GetAsync(Partition, "asso"))!.Value, (await plain.GetAsync(Partition, "asso"))!.Value);

        // Replaced with the same content: a new ETag, so parsed again.
        await plain.ReplaceAsync(Partition, "asso", first.Value, etag);
        var again = await kept.GetAsync(Partition, "asso");
        Assert.NotSame(first.Value, again!.Value);
        Assert.Equal(first.Value, again.Value);
    }

    [Fact]
    public async Task Tables_of_several_partitions_keep_each_record_apart()
    {
        var store = Open();
        var kept = Kept(store);
        await kept.InsertAsync("2027", "asso", new Organiser("asso", "En 2027", OrganiserKind.Association));
        await kept.InsertAsync("2028", "asso", new Organiser("asso", "En 2028", OrganiserKind.Association));

        Assert.Equal("En 2027", (await kept.GetAsync("2027", "asso"))!.Value.Name);
        Assert.Equal("En 2028", (await kept.GetAsync("2028", "asso"))!.Value.Name);
        Assert.Equal("En 2027", Assert.Single(await kept.ListAsync("2027")).Value.Name);
    }

    /// <summary>The records the set-up tables keep are handed to every reader: none may be changed once made.</summary>
    [Fact]
    public void The_records_kept_as_parsed_are_immutable()
    {
        var store = Open();
        var seasons = new SeasonTables(store);
        var logistics = new LogisticsStore(store);
        Type[] kept = [RecordType(seasons.Seasons), RecordType(seasons.Organisers), RecordType(seasons.Sites), RecordType(logistics.Items), RecordType(logistics.Policies)];
        Assert.Equal([typeof(Season), typeof(Organiser), typeof(Site), typeof(CatalogItem), typeof(CatalogPolicy)], kept);

        var mutable = new List<string>();
        var seen = new HashSet<Type>();
        foreach (var type in kept)
        {
            CollectMutable(type, seen, mutable);
        }

        Assert.Empty(mutable);
    }

    private static Type RecordType<T>(DocumentTable<T> table)
        where T : class
    {
        Assert.NotNull(table);
        return typeof(T);
    }

    // Properties settable after construction (other than init, which only `with` uses on a copy), public fields, and
    // collections typed as anything but read-only interfaces, through every type reachable from the record.
    private static void CollectMutable(Type type, HashSet<Type> seen, List<string> mutable)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateOnly) || type == typeof(TimeOnly)
            || type == typeof(TimeSpan) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || !seen.Add(type))
        {
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(IReadOnlyCollection<>)))
        {
            foreach (var argument in type.GetGenericArguments())
            {
                CollectMutable(argument, seen, mutable);
            }

            return;
        }

        if (type.IsArray || typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            mutable.Add(type.Name + " (a collection that can be changed)");
            return;
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            mutable.Add(type.Name + "." + field.Name);
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is { IsPublic: true } setter && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
            {
                mutable.Add(type.Name + "." + property.Name);
            }

            if (property.Name != "EqualityContract")
            {
                CollectMutable(property.PropertyType, seen, mutable);
            }
        }
    }
}
