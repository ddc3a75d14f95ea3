using Saison.Domain.Finance;

namespace Saison.Application.Finance;

/// <summary>The French words of the money side, for the pages and the CSV.</summary>
public static class FinanceText
{
    public static string Label(CostCategory category) => category switch
    {
        CostCategory.Programming => "Programmation",
        CostCategory.TourismOfficeSubsidy => "Subvention à l'office de tourisme",
        CostCategory.AssociationSubsidy => "Subvention à une association",
        CostCategory.Communication => "Communication",
        CostCategory.TechnicalServices => "Prestations techniques",
        _ => "Autre",
    };

    public static string Label(FundingKind kind) => kind == FundingKind.Patronage ? "Mécénat" : "Parrainage";

    public static string Label(SponsorshipStatus status) => status switch
    {
        SponsorshipStatus.Sought => "Sollicité",
        SponsorshipStatus.Promised => "Promis",
        SponsorshipStatus.Signed => "Convention signée",
        _ => "Reçu",
    };
}
