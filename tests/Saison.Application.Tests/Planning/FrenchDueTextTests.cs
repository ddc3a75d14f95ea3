using Saison.Application.Planning;

namespace Saison.Application.Tests.Planning;

public sealed class FrenchDueTextTests
{
    private static readonly Saison.Domain.Calendar.WorkingDays Working = Saison.Testing.SampleDestinations.Default.WorkingDays;

    private static readonly DateOnly Today = new(2027, 3, 1);

    [Theory]
    [InlineData(0, "aujourd'hui")]
    [InlineData(1, "demain")]
    [InlineData(3, "dans 3 jours")]
    [InlineData(7, "dans 7 jours")]
    [InlineData(14, "dans 2 semaines")]
    [InlineData(21, "dans 3 semaines")]
    [InlineData(23, "dans 3 semaines")]
    [InlineData(90, "dans 3 mois")]
    [InlineData(-1, "en retard d'un jour")]
    [InlineData(-2, "en retard de 2 jours")]
    [InlineData(-15, "en retard de 2 semaines")]
    public void Describe_says_due_dates_as_people_do(int days, string expected) =>
        Assert.Equal(expected, FrenchDueText.Describe(Today.AddDays(days), Today));

    [Theory]
    [InlineData(0, "0 jour")]
    [InlineData(1, "un jour")]
    [InlineData(2, "2 jours")]
    [InlineData(13, "13 jours")]
    [InlineData(14, "2 semaines")]
    [InlineData(20, "2 semaines")]
    [InlineData(59, "8 semaines")]
    [InlineData(60, "2 mois")]
    [InlineData(89, "2 mois")]
    [InlineData(365, "12 mois")]
    public void Duration_is_Humanizer_French_with_one_in_words(int days, string expected) =>
        Assert.Equal(expected, FrenchDueText.Duration(days));

    [Theory]
    [InlineData(2027, 6, 1, "mardi 1er juin 2027")]
    [InlineData(2027, 7, 8, "jeudi 8 juillet 2027")]
    [InlineData(2027, 8, 15, "dimanche 15 août 2027")]
    public void Long_dates_say_the_first_of_the_month_as_1er(int year, int month, int day, string expected) =>
        Assert.Equal(expected, Saison.Application.Calendars.FrenchDates.Long(new DateOnly(year, month, day)));

    [Theory]
    [InlineData(0, "jour", null, "0 jour")]
    [InlineData(1, "unité", "disponible", "1 unité disponible")]
    [InlineData(2, "agent", "affecté", "2 agents affectés")]
    [InlineData(12, "unité", "disponible", "12 unités disponibles")]
    public void Quantities_agree_in_French(int count, string noun, string? adjective, string expected) =>
        Assert.Equal(expected, FrenchQuantity.Of(count, noun, adjective));

    [Fact]
    public void Describe_a_done_milestone_gives_its_date_in_French() =>
        Assert.Equal("fait le 3 mars 2027", FrenchDueText.Describe(Today, Today, new DateOnly(2027, 3, 3)));

    [Fact]
    public void Countdown_counts_working_days_to_the_event()
    {
        // 14 July is a holiday: 13 July is J-1 from 15 July.
        Assert.Equal("J-1", FrenchDueText.Countdown(new DateOnly(2027, 7, 13), new DateOnly(2027, 7, 15), Working));
        Assert.Equal("J", FrenchDueText.Countdown(new DateOnly(2027, 7, 15), new DateOnly(2027, 7, 15), Working));
        Assert.Equal("J+5", FrenchDueText.Countdown(new DateOnly(2027, 7, 28), new DateOnly(2027, 7, 21), Working));
        Assert.Equal("J-90", FrenchDueText.Countdown(Working.Add(new DateOnly(2027, 7, 14), -90), new DateOnly(2027, 7, 14), Working));
    }
}
