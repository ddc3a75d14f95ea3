using System.Collections.Immutable;
using Azure;
using Saison.Application.Logistics;
using Saison.Application.Persistence;
using Saison.Domain.Logistics;
using Saison.Domain.Organisers;

namespace Saison.Application.Tests.Logistics;

public sealed class CreationOrderTests
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Each_list_the_store_follows_is_in_creation_order_as_sorting_it_again_says()
    {
        // A season's list as the store follows its writes (in id order, each write replacing or adding a few requests,
        // sometimes many at once, sometimes one twice), with ids and creation times in unrelated orders and some times
        // equal; now and then a list read afresh (not followed), as after another process's write.
        var random = new Random(2027);
        IReadOnlyList<Versioned<StoredRequest>> list = ImmutableList<Versioned<StoredRequest>>.Empty;
        var next = 0;
        for (var step = 0; step < 300; step++)
        {
            var before = list;
            var after = list as ImmutableList<Versioned<StoredRequest>> ?? [.. list];
            var writes = new List<(StoredRequest? Was, StoredRequest Now)>();
            var changes = step % 50 == 49 ? 100 : random.Next(1, 4);
            for (var c = 0; c < changes; c++)
            {
                if (random.Next(10) < 5 || after.Count < 3)
                {
                    var request = Request($"req-{random.Next(1_000_000):x6}-{next++}", Start.AddMinutes(random.Next(0, 400)));
                    var at = after.BinarySearch(new(request, new ETag("x")), ById);
                    if (at < 0)
                    {
                        after = after.Insert(~at, new(request, new ETag("x")));
                        writes.Add((null, request));
                    }
                }
                else
                {
                    var at = random.Next(after.Count);
                    var was = after[at].Value;
                    after = after.SetItem(at, new(was with { Stage = RequestStatus.Submitted }, new ETag("y")));
                    writes.Add((was, after[at].Value));
                }
            }

            if (step % 37 == 36)
            {
                list = [.. after];
            }
            else
            {
                CreationOrder.Follows(after, before, writes);
                list = after;
            }

            var expected = list.Select(r => r.Value).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
            var ordered = CreationOrder.Of(list);
            Assert.Equal(expected.Count, ordered.Length);
            Assert.All(expected.Zip(ordered), pair => Assert.Same(pair.First, pair.Second));
            Assert.Same(ordered, CreationOrder.Of(list));
        }
    }

    private static readonly IComparer<Versioned<StoredRequest>> ById = Comparer<Versioned<StoredRequest>>.Create((x, y) => string.CompareOrdinal(x.Value.Id, y.Value.Id));

    private static StoredRequest Request(string id, DateTimeOffset createdAt) =>
        new(id, 2031, "evt", "Événement", "org", OrganiserKind.Association, "small", RequestStatus.Draft, [], createdAt, "org-user", null, false, null, false, [], []);
}
