using Saison.Calendars.Outlook;

namespace Saison.Calendars.Tests.Outlook;

public class GraphUrlTests
{
    [Theory]
    [InlineData("a#b", "a%23b")]
    [InlineData("a&b", "a%26b")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData("l'été", "l%27%C3%A9t%C3%A9")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a?b", "a%3Fb")]
    [InlineData("a b", "a%20b")]
    [InlineData("100%", "100%25")]
    [InlineData("AAMk+x/y==", "AAMk%2Bx%2Fy%3D%3D")]
    [InlineData("agenda@saint-nazaire.example", "agenda%40saint-nazaire.example")]
    public void Segment_percent_encodes_everything_but_unreserved_characters(string value, string expected) =>
        Assert.Equal(expected, GraphUrl.Segment(value));

    [Theory]
    [InlineData("evt#20270714T2030", "'evt#20270714T2030'")]
    [InlineData("l'été", "'l''été'")]
    [InlineData("''", "''''''")]
    [InlineData("a&b+c/d?e f", "'a&b+c/d?e f'")]
    public void StringLiteral_quotes_and_doubles_single_quotes(string value, string expected) =>
        Assert.Equal(expected, GraphUrl.StringLiteral(value));

    [Fact]
    public void Query_encodes_each_value_so_that_no_character_ends_or_splits_an_option()
    {
        var filter = "ep/value eq " + GraphUrl.StringLiteral("agenda:marché#20270702T1900&x=1+2 l'été/?");
        var query = GraphUrl.Query(("$filter", filter), ("$top", "250"));
        Assert.Equal("?$filter=ep%2Fvalue%20eq%20%27agenda%3Amarch%C3%A9%2320270702T1900%26x%3D1%2B2%20l%27%27%C3%A9t%C3%A9%2F%3F%27&$top=250", query);
        Assert.DoesNotContain('#', query);
        Assert.DoesNotContain(' ', query);
        Assert.DoesNotContain('+', query);
        Assert.Equal(2, query.Count(c => c == '&') + 1);
    }

    [Theory]
    [InlineData("agenda:evt-1#20270714T2030")]
    [InlineData("a&b=c")]
    [InlineData("1+1 = 2")]
    [InlineData("l'été à Saint-Nazaire")]
    [InlineData("x/y?z#w%20")]
    public void A_query_value_reads_back_the_same_as_a_server_reads_it(string value)
    {
        // A server cuts at '#', splits on '&', reads '+' as a space, then percent-decodes.
        var query = GraphUrl.Query(("$filter", value), ("$select", "id"));
        var options = query[1..].Split('#')[0].Split('&').Select(o => o.Split('=', 2)).ToDictionary(o => o[0], o => Uri.UnescapeDataString(o[1].Replace('+', ' ')));
        Assert.Equal(value, options["$filter"]);
        Assert.Equal("id", options["$select"]);
    }

    [Fact]
    public void Event_urls_escape_the_mailbox_the_calendar_and_the_event_id()
    {
        var target = new OutlookTarget("équipe+plage@saint-nazaire.example", "cal/été#1");
        Assert.Equal("/users/%C3%A9quipe%2Bplage%40saint-nazaire.example/calendars/cal%2F%C3%A9t%C3%A9%231/events", GraphUrl.Events(target));
        Assert.Equal("/users/%C3%A9quipe%2Bplage%40saint-nazaire.example/calendar/events", GraphUrl.Events(target with { CalendarId = null }));
        Assert.Equal("/users/%C3%A9quipe%2Bplage%40saint-nazaire.example/events/AAMk%2Bx%2Fy%3D%3D", GraphUrl.Event(target, "AAMk+x/y=="));
    }

    [Fact]
    public void Filters_on_our_property_quote_its_id()
    {
        Assert.Equal("singleValueExtendedProperties/Any(ep: ep/id eq 'String {5a1507e4-3c0f-4d6b-9a8e-2f7c6b1d0e11} Name SaisonId')", GraphUrl.HasProperty("String {5a1507e4-3c0f-4d6b-9a8e-2f7c6b1d0e11} Name SaisonId"));
        Assert.Equal("singleValueExtendedProperties($filter=id eq 'String {x} Name l''id')", GraphUrl.ExpandProperty("String {x} Name l'id"));
    }
}
