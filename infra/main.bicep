// Saison on Azure: a Flex Consumption function app (Linux, .NET 10 isolated worker) with its data in the
// Table service, reached with a user-assigned managed identity (no account keys anywhere), logs in
// Application Insights, and Outlook reached through Microsoft Graph with the API's app registration,
// whose credential is a federated credential trusting the same managed identity (no secret).
// Deployed by deploy.sh; see README.md beside this file.

@description('Short name of the deployment, used in resource names (lowercase letters and digits).')
@minLength(3)
@maxLength(12)
param name string = 'saison'

@description('Azure region (one that offers Flex Consumption: az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Application (client) id of the Saison API app registration (infra/entra/app-registration.json).')
param apiClientId string

@description('Entra ID tenant of the city.')
param tenantId string = tenant().tenantId

@description('The mailbox whose calendars Saison writes and from which it sends the weekly digests (user or shared mailbox).')
param plannerMailbox string

@description('The season planned by default (its year).')
param seasonYear int = 2027

@description('The destination the app plans for: a folder of samples/ published with the app (its destination.json: city, time zone, public holidays, site kinds, themes, plan owners); empty: the default samples/destinations.json names.')
param destination string = ''

var token = toLower(uniqueString(subscription().id, resourceGroup().id, name))
var storageName = take('st${name}${token}', 24)
var appName = 'func-${name}-${token}'
var deploymentContainer = 'app-package'

// Every table the app keeps its records in (the app also creates a missing one at start).
var tables = [
  'Audit'
  'Samples'
  'Seasons'
  'Organisers'
  'Sites'
  'Events'
  'Plan'
  'LogisticsCatalog'
  'Logistics'
  'Crews'
  'CrewPlans'
  'Staff'
  'Leave'
  'CalendarTokens'
  'OutlookSync'
  'Notices'
  'Finance'
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${name}-${token}'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${name}-${token}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${name}-${token}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainer
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource saisonTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in tables: {
  parent: tableService
  name: table
}]

// Built-in roles, by their fixed ids.
var roles = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// The app's records: entities only, no keys.
resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

// The Functions host's own storage (leases, timers, the deployment package).
resource blobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, roles.storageBlobDataOwner)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

resource queueRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, roles.storageQueueDataContributor)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

resource metricsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: insights
  name: guid(insights.id, identity.id, roles.monitoringMetricsPublisher)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}-${token}'
  location: location
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 40
        instanceMemoryMB: 2048
      }
      // The .NET isolated worker: the Functions host starts the published Saison.Functions worker over gRPC.
      // Switching an existing app's runtime in place is not supported: create a new app (infra/README.md).
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        // The Functions host's storage, reached with the managed identity.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
        // DefaultAzureCredential picks the user-assigned identity by this id.
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'AZURE_FUNCTIONS_ENVIRONMENT', value: 'Production' }
        // The worker's gen0 budget, 64 MiB (only an environment variable sets it; README "Benchmarks").
        { name: 'DOTNET_GCgen0size', value: '0x4000000' }
        // Saison's own settings (README.md "Configuration").
        { name: 'Storage__AccountUri', value: storage.properties.primaryEndpoints.table }
        { name: 'Saison__LoadSampleSeason', value: 'false' }
        { name: 'Saison__Destination', value: destination }
        { name: 'Saison__SampleSeasonYear', value: string(seasonYear) }
        { name: 'Auth__Authority', value: '${environment().authentication.loginEndpoint}${tenantId}/v2.0' }
        { name: 'Auth__Audience', value: apiClientId }
        // Outlook through Graph: the app registration, signed in by the managed identity's federated credential.
        { name: 'Outlook__Enabled', value: 'true' }
        { name: 'Outlook__TenantId', value: tenantId }
        { name: 'Outlook__ClientId', value: apiClientId }
        { name: 'Outlook__ManagedIdentityClientId', value: identity.properties.clientId }
        { name: 'Outlook__DigestSender', value: plannerMailbox }
        // The public summer tourism agenda in the planner's calendar; add more mappings the same way.
        { name: 'Outlook__Calendars__0__Feed', value: 'agenda' }
        { name: 'Outlook__Calendars__0__Season', value: string(seasonYear) }
        { name: 'Outlook__Calendars__0__Mailbox', value: plannerMailbox }
      ]
    }
  }
  dependsOn: [
    tableRole
    blobRole
    queueRole
  ]
}

output functionAppName string = app.name
output functionAppUrl string = 'https://${app.properties.defaultHostName}'
output storageAccountName string = storage.name
output managedIdentityClientId string = identity.properties.clientId
output managedIdentityPrincipalId string = identity.properties.principalId
output managedIdentityResourceId string = identity.id
