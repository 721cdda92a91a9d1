// What the bot's managed identity may do, each on one resource only: read and write tables and queues (the campaigns'
// delivery queue); with Azure AI Search, read
// and write its indexes (and create them, for ingest and FAQ entries); with Azure OpenAI, call the chat model; with Key
// Vault, read its secrets. An empty name means that service is not deployed and gets no role. Whoever runs ingest
// (ingestPrincipalId) gets the two search roles as well, since the search service's keys are disabled.
@description('Principal id of the user-assigned managed identity.')
param principalId string

param storageName string

@description('Empty when searchMode=embedded.')
param searchName string = ''

@description('Empty when openAi=off.')
param openAiName string = ''

@description('Empty when there is no Key Vault.')
param keyVaultName string = ''

@description('Object id of the person or pipeline that runs ingest; empty: none.')
param ingestPrincipalId string = ''

var roles = {
  searchIndexDataContributor: '8ebe5a00-799e-43f5-93ac-243d3dce84a7'
  searchServiceContributor: '7ca78c08-252a-4471-8644-bb5ff32d4ba0'
  cognitiveServicesOpenAiUser: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

var hasSearch = !empty(searchName)
var hasOpenAi = !empty(openAiName)
var hasKeyVault = !empty(keyVaultName)
var hasIngest = hasSearch && !empty(ingestPrincipalId)

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageName
}

resource search 'Microsoft.Search/searchServices@2023-11-01' existing = if (hasSearch) {
  name: searchName
}

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = if (hasOpenAi) {
  name: openAiName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = if (hasKeyVault) {
  name: keyVaultName
}

resource tableData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, roles.storageTableDataContributor)
  scope: storage
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

// The campaigns' delivery queue: send, receive, update and delete messages, create the queue.
resource queueData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

resource searchData 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasSearch) {
  name: guid(search.id, principalId, roles.searchIndexDataContributor)
  scope: search
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.searchIndexDataContributor)
  }
}

resource searchService 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasSearch) {
  name: guid(search.id, principalId, roles.searchServiceContributor)
  scope: search
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.searchServiceContributor)
  }
}

resource ingestData 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasIngest) {
  name: guid(search.id, ingestPrincipalId, roles.searchIndexDataContributor)
  scope: search
  properties: {
    principalId: ingestPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.searchIndexDataContributor)
  }
}

resource ingestService 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasIngest) {
  name: guid(search.id, ingestPrincipalId, roles.searchServiceContributor)
  scope: search
  properties: {
    principalId: ingestPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.searchServiceContributor)
  }
}

resource openAiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasOpenAi) {
  name: guid(openAi.id, principalId, roles.cognitiveServicesOpenAiUser)
  scope: openAi
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cognitiveServicesOpenAiUser)
  }
}

resource secrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasKeyVault) {
  name: guid(vault.id, principalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}
