using Azure.Identity;
using Saison.Calendars.Outlook;

namespace Saison.Calendars.Tests.Outlook;

public class OutlookGraphTests
{
    [Fact]
    public void Credential_is_the_secret_when_given_else_the_federated_app_registration_else_the_managed_identity()
    {
        Assert.IsType<ClientSecretCredential>(OutlookGraph.Credential(new OutlookSyncOptions { TenantId = "t", ClientId = "c", ClientSecret = "s" }));
        Assert.IsType<ClientAssertionCredential>(OutlookGraph.Credential(new OutlookSyncOptions { TenantId = "t", ClientId = "c", ManagedIdentityClientId = "mi" }));
        Assert.IsType<ManagedIdentityCredential>(OutlookGraph.Credential(new OutlookSyncOptions()));
    }

    [Fact]
    public void Our_extended_property_id_names_the_property_set_and_SaisonId()
    {
        var options = new OutlookSyncOptions { PropertySetId = new Guid("11111111-2222-3333-4444-555555555555") };
        Assert.Equal("String {11111111-2222-3333-4444-555555555555} Name SaisonId", options.PropertyId);
    }
}
