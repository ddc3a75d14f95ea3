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
        // A season's list as the store follows its writes (in id order, each write replacing, adding or dropping a few
        // requests, sometimes many at once), with ids and creation times in unrelated orders and some times equal.
        var random = new Random(2027);
        var list = ImmutableList<Versioned<StoredRequest>>.Empty;
        var next = 0;
        for (var step = 0; step < 300; step++)
        {
            var changes = step % 50 == 49 ? 100 : random.Next(1, 4);
            for (var c = 0; c < changes; c++)
            {
                var pick = random.Next(10);
                if (pick < 5 || list.Count < 3)
                {
                    var request = Request($"req-{random.Next(1_000_000):x6}-{next++}", Start.AddMinutes(random.Next(0, 400)));
                    var at = list.BinarySearch(new(request, new ETag("x")), ById);
                    list = at >= 0 ? list : list.Insert(~at, new(request, new ETag("x")));
                }
                else if (pick < 9)
                {
                    var at = random.Next(list.Count);
                    list = list.SetItem(at, new(list[at].Value with { Stage = RequestStatus.Submitted }, new ETag("y")));
                }
                else
                {
                    list = list.RemoveAt(random.Next(list.Count));
                }
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
