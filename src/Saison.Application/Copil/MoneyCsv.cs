using Saison.Application.Finance;
using static Saison.Application.Copil.CopilCsv;

namespace Saison.Application.Copil;

/// <summary>Every figure of the COPIL's money view as CSV for a French spreadsheet, in the dashboard's format (<see cref="CopilCsv"/>).</summary>
public static class MoneyCsv
{
    /// <summary>The CSV of <paramref name="figure"/>, or null when the money view has no figure of that name.</summary>
    public static string? Write(CopilMoney money, string figure)
    {
        ArgumentNullException.ThrowIfNull(money);
        var a = money.Accounts;
        var t = a.Totals;
        IEnumerable<IReadOnlyList<object?>>? rows = figure switch
        {
            "money-totals" => Rows(["Poste", "Montant (€)"],
            [
                Row("Logistique accordée", t.Logistics), Row("Logistique en attente de décision", t.LogisticsPending), Row("Heures des équipes", t.Crew),
                Row("Dépenses saisies", t.Entered), Row("Total des coûts", t.Costs), Row("Taxe de séjour", t.TourismTax),
                Row("Taxe sur les résidences secondaires", t.SecondHomesTax), Row("Partenaires privés (signés ou reçus)", t.PrivateSecured),
                Row("dont apports en nature", t.PrivateInKind), Row("Partenaires privés promis", t.PrivatePromised), Row("Total des recettes", t.Receipts),
                Row("Solde (recettes − coûts)", t.Balance), Row("Part du financement privé (%)", t.PrivateSharePercent),
                Row("Heures d'équipes", t.CrewHours), Row("dont heures supplémentaires", t.OvertimeHours), Row("dont heures annualisées", t.AnnualisedHours),
            ]),
            "money-events" => Rows(["Événement", "Site", "Logistique (€)", "Équipes (€)", "Dépenses saisies (€)", "Coût total (€)", "Visiteurs attendus", "Coût par visiteur (€)", "Partenaires signés ou reçus (€)", "Partenaires promis (€)", "Partenaires", "Sollicités", "Part privée (%)", "Sans financement privé"],
                a.Events.Select(e => Row(e.Title, e.SiteName, e.Logistics, e.Crew, e.Entered, e.Costs, e.ExpectedAttendance, e.CostPerVisitor, e.PrivateSecured, e.PrivatePromised, e.Sponsors, e.SponsorsSought, e.PrivateSharePercent, e.WithoutPrivateFunding))),
            "money-themes" => Rows(["Thème", "Événements", "Coût (€)", "Financement privé (€)", "Visiteurs attendus", "Coût par visiteur (€)", "Part privée (%)"],
                a.Themes.Select(x => Row(x.Name, x.Events, x.Costs, x.PrivateSecured, x.ExpectedAttendance, x.CostPerVisitor, x.PrivateSharePercent))),
            "money-sites" => Rows(["Site", "Événements", "Coût (€)"], a.Sites.Select(s => Row(s.SiteName, s.Events, s.Costs))),
            "money-services" => Rows(["Service", "Logistique (€)", "Heures d'équipes", "dont heures supplémentaires", "dont heures annualisées", "Équipes (€)", "Dépenses saisies (€)", "Total (€)"],
                a.Services.Select(s => Row(s.ServiceName, s.Logistics, s.CrewHours, s.OvertimeHours, s.AnnualisedHours, s.Crew, s.Entered, s.Costs))),
            "money-weeks" => Rows(["Semaine du", "Semaine ISO", "Dans la saison", "Logistique (€)", "Équipes (€)", "Dépenses saisies (€)", "Total (€)"],
                a.Weeks.Select(w => Row(w.WeekStart, w.IsoWeek, w.InSeason, w.Logistics, w.Crew, w.Entered, w.Costs))),
            "money-envelopes" => Rows(["Enveloppe", "Montant annuel (€)", "Pris par la saison (€)", "Hors saison (€)", "En attente (€)", "Reste pour le reste de l'année (€)", "Part prise par la saison (%)", "Dépassée"],
                a.Envelopes.Select(e => Row(e.Name, e.Amount, e.InSeason, e.OutOfSeason, e.Pending, e.Remaining, e.SeasonSharePercent, e.Exceeded))),
            "money-budget-lines" => Rows(["Ligne budgétaire", "Nature", "Lignes", "Montant (€)"], a.BudgetLines.Select(b => Row(b.BudgetLine, FinanceText.Label(b.Category), b.Lines, b.Amount))),
            "money-tax" => Rows(["Hébergement", "Tarif par nuitée (€)", "Nuitées", "Estimation (€)", "Perçu (€)", "Retenu (€)"],
                a.TourismTax.Select(x => Row(x.Name, x.TariffPerNight, x.Nights, x.Estimated, x.Collected, x.Receipt))),
            "money-sponsors" => Rows(["Partenaire", "Événement", "Nature", "État", "Montant (€)", "Apports en nature (€)", "Apports en nature"],
                a.Sponsors.Select(s => Row(s.Sponsor, s.EventTitle, FinanceText.Label(s.Kind), FinanceText.Label(s.Status), s.Amount, s.InKindValue, s.InKindDescription))),
            _ => null,
        };
        return rows is null ? null : Format(rows);
    }
}
