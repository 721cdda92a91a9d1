// EthicsBot in one resource group: the web app and its identity, the Azure Bot with the Teams channel, Azure AI Search,
// Azure OpenAI, Table Storage, Key Vault and monitoring, and the role assignments that let the app reach each service
// by its managed identity. No keys or secrets in app settings.
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.parameters.json
targetScope = 'resourceGroup'

@description('Name prefix of every resource (lower-case letters, digits and dashes).')
@minLength(3)
@maxLength(16)
param name string = 'ethicsbot'

param location string = resourceGroup().location

@description('Region for Azure OpenAI, where the chat model is offered (may differ from the app).')
param openAiLocation string = location

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

module search 'modules/search.bicep' = {
  name: 'search'
  params: {
    name: prefix
    location: location
    sku: searchSku
    tags: tags
  }
}

module openAi 'modules/openai.bicep' = {
  name: 'openai'
  params: {
    name: prefix
    location: openAiLocation
    model: chatModel
    modelVersion: chatModelVersion
    capacity: chatCapacity
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
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
    searchName: search.outputs.name
    openAiName: openAi.outputs.name
    storageName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
  }
}

// The settings the app reads (README, Configuration); identities, endpoints and names only.
var appSettings = {
  Bot__AppId: identity.outputs.clientId
  Bot__AppType: 'UserAssignedMSI'
  Bot__TenantId: subscription().tenantId
  AZURE_CLIENT_ID: identity.outputs.clientId
  Organizations__Default: defaultOrganization
  Search__Provider: 'Azure'
  Search__Azure__Endpoint: search.outputs.endpoint
  Search__Azure__UseSemanticRanker: 'true'
  Storage__Provider: 'Tables'
  Storage__Tables__Endpoint: storage.outputs.tableEndpoint
  Azure__ManagedIdentityClientId: identity.outputs.clientId
  AzureOpenAI__Endpoint: openAi.outputs.endpoint
  AzureOpenAI__Deployment: openAi.outputs.deployment
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
}

module app 'modules/appservice.bicep' = {
  name: 'app'
  params: {
    name: prefix
    location: location
    sku: appServiceSku
    identityId: identity.outputs.id
    appSettings: appSettings
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

@description('The messaging endpoint the Azure Bot posts to.')
output botEndpoint string = bot.outputs.endpoint

@description('The web app to deploy the bot to (az webapp deploy).')
output webAppName string = app.outputs.name

@description('For package-app: --app-id and --domain.')
output botAppId string = identity.outputs.clientId
output botDomain string = app.outputs.hostName

@description('For ingest from a workstation: Search__Azure__Endpoint.')
output searchEndpoint string = search.outputs.endpoint
output tableEndpoint string = storage.outputs.tableEndpoint
output openAiEndpoint string = openAi.outputs.endpoint
output openAiDeployment string = openAi.outputs.deployment
output keyVaultUri string = keyVault.outputs.uri
