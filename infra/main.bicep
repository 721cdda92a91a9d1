// EthicsBot in one resource group: the web app and its identity, the Azure Bot with the Teams channel, Table Storage
// and monitoring, and the role assignments that let the app reach each service by its managed identity; Azure AI
// Search with searchMode=azure, Azure OpenAI with openAi=on, Key Vault with keyVault=true. No keys or secrets in app
// settings. Deployed by the Microsoft 365 Agents Toolkit (m365agents.yml, infra/azure.parameters.json), by azd
// (azure.yaml, infra/main.parameters.json) or by hand:
//   az deployment group create -g <group> -f infra/main.bicep -p searchMode=embedded openAi=off
// The outputs are named as the toolkit and azd write them into their environment files (UPPER_SNAKE_CASE). None may be
// an empty string: the toolkit writes an empty output as "[object Object]".
targetScope = 'resourceGroup'

@description('Name prefix of every resource (lower-case letters, digits and dashes).')
@minLength(3)
@maxLength(16)
param name string = 'ethicsbot'

param location string = resourceGroup().location

@description('Where the bot searches the Codes: embedded (Lucene.NET and the shipped vectors inside the web app; no search service, no ingest) or azure (Azure AI Search, filled by ingest after each deploy).')
@allowed([
  'embedded'
  'azure'
])
param searchMode string = 'embedded'

@description('Grounded answers written by a language model on Azure OpenAI (on), or the Code\'s own sentences only (off).')
@allowed([
  'on'
  'off'
])
param openAi string = 'off'

@description('A Key Vault (RBAC, purge protection) for secrets added later; none is needed: every service is reached by managed identity.')
param keyVault bool = false

@description('Client id of the Entra app the ethics office desk (a Teams tab) signs in with by Teams SSO; empty: the desk accepts no Teams token.')
param deskClientId string = ''

@description('Object id of the person or pipeline that runs ingest (searchMode=azure): given the two search roles, since keys are disabled. Empty or "none": nobody.')
param ingestPrincipalId string = ''

@description('Region for Azure OpenAI, where the chat model is offered (may differ from the app); empty: the app\'s.')
param openAiLocation string = ''

@description('App Service plan size.')
param appServiceSku string = 'B1'

@allowed([
  'basic'
  'standard'
])
param searchSku string = 'basic'

@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

param chatModel string = 'gpt-4o-mini'
param chatModelVersion string = '2024-07-18'

@description('Thousands of tokens per minute for the chat deployment.')
param chatCapacity int = 20

@description('The organisation answered for tenants that map to none (Organizations:Default).')
param defaultOrganization string = 'iom'

param tags object = {
  application: 'EthicsBot'
}

// Search service and Key Vault names must be lower case.
var prefix = toLower(name)
var useAzureSearch = searchMode == 'azure'
var useOpenAi = openAi == 'on'
var chatLocation = empty(openAiLocation) ? location : openAiLocation
// The toolkit expands no empty variable in its parameters file, so its environment says "none" for nobody.
var ingestPrincipal = ingestPrincipalId == 'none' ? '' : ingestPrincipalId

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: prefix
    location: location
    tags: tags
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: prefix
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: prefix
    location: location
    tags: tags
  }
}

module search 'modules/search.bicep' = if (useAzureSearch) {
  name: 'search'
  params: {
    name: prefix
    location: location
    sku: searchSku
    tags: tags
  }
}

module chat 'modules/openai.bicep' = if (useOpenAi) {
  name: 'openai'
  params: {
    name: prefix
    location: chatLocation
    model: chatModel
    modelVersion: chatModelVersion
    capacity: chatCapacity
    tags: tags
  }
}

module vault 'modules/keyvault.bicep' = if (keyVault) {
  name: 'keyvault'
  params: {
    name: prefix
    location: location
    tags: tags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    principalId: identity.outputs.principalId
    storageName: storage.outputs.name
    searchName: useAzureSearch ? search!.outputs.name : ''
    openAiName: useOpenAi ? chat!.outputs.name : ''
    keyVaultName: keyVault ? vault!.outputs.name : ''
    ingestPrincipalId: ingestPrincipal
  }
}

// The settings the app reads (docs/configuration.md); identities, endpoints and names only. With searchMode=embedded
// the app keeps its defaults (Search:Provider=Lucene, the shipped index and vectors); with openAi=off it has no
// AzureOpenAI:Endpoint and shows the Code's own sentences.
var appSettings = union(
  {
    Bot__AppId: identity.outputs.clientId
    Bot__AppType: 'UserAssignedMSI'
    Bot__TenantId: subscription().tenantId
    AZURE_CLIENT_ID: identity.outputs.clientId
    Organizations__Default: defaultOrganization
    Search__Provider: useAzureSearch ? 'Azure' : 'Lucene'
    Storage__Provider: 'Tables'
    Storage__Tables__Endpoint: storage.outputs.tableEndpoint
    Storage__Tables__QueueEndpoint: storage.outputs.queueEndpoint
    Azure__ManagedIdentityClientId: identity.outputs.clientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
  },
  useAzureSearch
    ? {
        Search__Azure__Endpoint: search!.outputs.endpoint
        Search__Azure__UseSemanticRanker: 'true'
      }
    : {},
  useOpenAi
    ? {
        AzureOpenAI__Endpoint: chat!.outputs.endpoint
        AzureOpenAI__Deployment: chat!.outputs.deployment
      }
    : {}
)

module app 'modules/appservice.bicep' = {
  name: 'app'
  params: {
    name: prefix
    location: location
    sku: appServiceSku
    identityId: identity.outputs.id
    appSettings: appSettings
    deskClientId: deskClientId
    tenantId: subscription().tenantId
    tags: tags
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: prefix
    identityClientId: identity.outputs.clientId
    identityId: identity.outputs.id
    endpoint: 'https://${app.outputs.hostName}/api/messages'
    sku: botSku
    tags: tags
  }
}

@description('The bot\'s app id: the user-assigned managed identity\'s client id (the manifest\'s botId; no secret exists).')
output BOT_ID string = identity.outputs.clientId

@description('The web app\'s host name: the desk tab, the valid domain and the Application ID URI of the manifest.')
output BOT_DOMAIN string = app.outputs.hostName

@description('The messaging endpoint the Azure Bot posts to.')
output BOT_ENDPOINT string = bot.outputs.endpoint

@description('The web app that azureAppService/zipDeploy deploys to.')
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = app.outputs.id

@description('The web app\'s name (az webapp deploy, log stream).')
output WEB_APP_NAME string = app.outputs.name

@description('embedded or azure: whether the deploy step runs ingest.')
output SEARCH_MODE string = searchMode

@description('For ingest (Search__Azure__Endpoint); "none" with searchMode=embedded.')
output SEARCH_ENDPOINT string = useAzureSearch ? search!.outputs.endpoint : 'none'
