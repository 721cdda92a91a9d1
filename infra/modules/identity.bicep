// The user-assigned managed identity the bot runs as: the Azure Bot's app identity (no client secret anywhere) and the
// identity the web app uses to reach Azure AI Search, Azure OpenAI, Table Storage and Key Vault.
param name string

param location string

param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-identity'
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
