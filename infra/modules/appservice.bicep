// The Linux App Service plan and web app that run the bot on .NET 10, as the user-assigned managed identity.
param name string

param location string

@description('App Service plan size: B1 is the smallest with Always On; P0v3 and up for production load.')
param sku string = 'B1'

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('App settings (Section__Key = value); no secrets: services are reached by managed identity.')
param appSettings object

param tags object = {}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: sku
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${name}-${uniqueString(resourceGroup().id)}'
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      appSettings: [for setting in items(appSettings): {
        name: setting.key
        value: setting.value
      }]
    }
  }
}

output name string = app.name
output hostName string = app.properties.defaultHostName
