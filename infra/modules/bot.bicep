// The Azure Bot resource: the bot's identity is the user-assigned managed identity (no app secret), its messaging
// endpoint the web app, and the Microsoft Teams channel is on.
param name string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('https://<host>/api/messages')
param endpoint string

@allowed([
  'F0'
  'S1'
])
@description('F0 is free (standard channels such as Teams are free on both); S1 is for premium channels.')
param sku string = 'F0'

param tags object = {}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot-${uniqueString(resourceGroup().id)}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: 'EthicsBot'
    description: 'Answers questions about the Code of Conduct, takes disclosures, hands reports to the whistleblower channel.'
    endpoint: endpoint
    msaAppId: identityClientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identityId
    msaAppTenantId: subscription().tenantId
    disableLocalAuth: true
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output name string = bot.name
output endpoint string = bot.properties.endpoint
