#!/usr/bin/env bash
# Deploys Saison to Azure: the Entra ID app registration (app roles, federated credential), the
# resources of main.bicep (Flex Consumption app, Table storage, managed identity, Application
# Insights), the published package, and prints the Exchange Online commands that restrict Graph to
# the planner's mailbox. Idempotent: run it again to update. Prerequisites and parameters: README.md.
set -euo pipefail

usage() {
  cat <<USAGE
Usage: infra/deploy.sh --resource-group RG --location REGION --mailbox planner@city.fr [--name saison] [--season 2027]
USAGE
}

NAME=saison SEASON=2027 RG= LOCATION= MAILBOX=
while [ $# -gt 0 ]; do
  case "$1" in
    --resource-group) RG=$2; shift 2 ;;
    --location) LOCATION=$2; shift 2 ;;
    --mailbox) MAILBOX=$2; shift 2 ;;
    --name) NAME=$2; shift 2 ;;
    --season) SEASON=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
[ -n "$RG" ] && [ -n "$LOCATION" ] && [ -n "$MAILBOX" ] || { usage >&2; exit 2; }

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
command -v az >/dev/null || { echo "Azure CLI (az) is required" >&2; exit 1; }
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required to publish the app" >&2; exit 1; }
az account show >/dev/null || { echo "Run 'az login' first" >&2; exit 1; }
TENANT=$(az account show --query tenantId -o tsv)

echo "== 1/5 Entra ID: the API's app registration and its app roles"
APP_NAME="Saison ($NAME)"
CLIENT_ID=$(az ad app list --display-name "$APP_NAME" --query "[0].appId" -o tsv)
if [ -z "$CLIENT_ID" ]; then
  CLIENT_ID=$(az ad app create --display-name "$APP_NAME" --sign-in-audience AzureADMyOrg \
    --app-roles "@$here/entra/app-roles.json" --optional-claims "@$here/entra/optional-claims.json" --query appId -o tsv)
  az ad sp create --id "$CLIENT_ID" >/dev/null
else
  az ad app update --id "$CLIENT_ID" --app-roles "@$here/entra/app-roles.json" --optional-claims "@$here/entra/optional-claims.json"
fi
az ad app update --id "$CLIENT_ID" --identifier-uris "api://$CLIENT_ID"

echo "== 2/5 Azure resources (main.bicep)"
az group create --name "$RG" --location "$LOCATION" --output none
OUT=$(az deployment group create --resource-group "$RG" --name "saison-$NAME" \
  --template-file "$here/main.bicep" \
  --parameters name="$NAME" apiClientId="$CLIENT_ID" plannerMailbox="$MAILBOX" seasonYear="$SEASON" \
  --query properties.outputs -o json)
APP=$(echo "$OUT" | jq -r .functionAppName.value)
MI_PRINCIPAL=$(echo "$OUT" | jq -r .managedIdentityPrincipalId.value)
MI_RESOURCE=$(echo "$OUT" | jq -r .managedIdentityResourceId.value)
URL=$(echo "$OUT" | jq -r .functionAppUrl.value)

echo "== 3/5 Federated credential: the managed identity signs in as the app (no secret anywhere)"
if ! az ad app federated-credential list --id "$CLIENT_ID" --query "[?name=='saison-managed-identity']" -o tsv | grep -q .; then
  az ad app federated-credential create --id "$CLIENT_ID" --parameters "{
    \"name\": \"saison-managed-identity\",
    \"issuer\": \"https://login.microsoftonline.com/$TENANT/v2.0\",
    \"subject\": \"$MI_PRINCIPAL\",
    \"audiences\": [\"api://AzureADTokenExchange\"],
    \"description\": \"Saison's user-assigned managed identity ($MI_RESOURCE)\"
  }" >/dev/null
fi

echo "== 4/5 The package: publish, then zip deploy to the Flex Consumption app"
publish="$(mktemp -d)"
# Framework-dependent: Flex Consumption's dotnet-isolated 10.0 runtime brings .NET 10.
dotnet publish "$root/functions/Saison.Functions.csproj" -c Release -o "$publish" -nologo
(cd "$publish" && zip -qr "$publish.zip" .)
az functionapp deployment source config-zip --resource-group "$RG" --name "$APP" --src "$publish.zip" --output none
rm -rf "$publish" "$publish.zip"

echo "== 5/5 Outlook: restrict Graph to the planner's mailbox (RBAC for Applications in Exchange Online)"
SP_OBJECT=$(az ad sp show --id "$CLIENT_ID" --query id -o tsv)
cat <<EXO
Run once in Exchange Online PowerShell (Connect-ExchangeOnline, as an Exchange administrator).
Do NOT grant Calendars.ReadWrite or Mail.Send tenant-wide in Entra ID: these role assignments give
them to Saison for the planner's mailbox only.

  New-ServicePrincipal -AppId $CLIENT_ID -ObjectId $SP_OBJECT -DisplayName "$APP_NAME"
  New-ManagementScope -Name "Saison planner mailbox" -RecipientRestrictionFilter "PrimarySmtpAddress -eq '$MAILBOX'"
  New-ManagementRoleAssignment -App $CLIENT_ID -Role "Application Calendars.ReadWrite" -CustomResourceScope "Saison planner mailbox"
  New-ManagementRoleAssignment -App $CLIENT_ID -Role "Application Mail.Send" -CustomResourceScope "Saison planner mailbox"
  Test-ServicePrincipalAuthorization -Identity $CLIENT_ID -Resource $MAILBOX

EXO
echo "Saison is deployed: $URL/api/health"
