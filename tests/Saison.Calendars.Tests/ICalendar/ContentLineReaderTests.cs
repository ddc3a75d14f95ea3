using System.Globalization;
using Saison.Calendars.ICalendar;

namespace Saison.Calendars.Tests.ICalendar;

public class ContentLineReaderTests
{
    [Fact]
    public void Unfolds_continuations_with_space_or_tab_and_counts_physical_lines()
    {
        var reader = new ContentLineReader(new StringReader("A:1\r\nDESCRIPTION:ab\r\n c\r\n\td\r\nB:2\r\n"));
        Assert.Equal(("A", "1", 1), Triple(reader.Read()!));
        Assert.Equal(("DESCRIPTION", "abcd", 2), Triple(reader.Read()!));
        Assert.Equal(("B", "2", 5), Triple(reader.Read()!));
        Assert.Null(reader.Read());
    }

    [Fact]
    public void Accepts_bare_LF_line_ends()
    {
        var reader = new ContentLineReader(new StringReader("A:1\nB:2\n"));
        Assert.Equal("1", reader.Read()!.Value);
        Assert.Equal("2", reader.Read()!.Value);
    }

    [Fact]
    public void Parses_quoted_and_multi_valued_parameters_and_keeps_colons_in_the_value()
    {
        var line = ContentLineReader.Parse("ATTENDEE;DELEGATED-TO=\"mailto:a@example.com\",\"mailto:b@example.com\";cn=\"Doe; John\":mailto:c@example.com", 7);
        Assert.Equal("ATTENDEE", line.Name);
        Assert.Equal(["mailto:a@example.com", "mailto:b@example.com"], line.Parameters[0].Values);
        Assert.Equal("Doe; John", line.Parameter("CN"));
        Assert.Equal("mailto:c@example.com", line.Value);
        Assert.Equal(7, line.LineNumber);
    }

    [Fact]
    public void Property_names_are_case_insensitive()
    {
        Assert.Equal("SUMMARY", ContentLineReader.Parse("summary:x", 1).Name);
    }

    private static (string, string, int) Triple(ContentLine line) => (line.Name, line.Value, line.LineNumber);
}
