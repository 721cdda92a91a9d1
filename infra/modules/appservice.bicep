// The Linux App Service plan and web app that run the bot on .NET 10, as the user-assigned managed identity. The app
// settings are a resource of their own, written once the site exists, so that the desk's Application ID URI can name
// the site's host name.
param name string

param location string

@description('App Service plan size: B1 is the smallest with Always On; P0v3 and up for production load.')
param sku string = 'B1'

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('App settings (Section__Key = value); no secrets: services are reached by managed identity.')
param appSettings object

@description('Client id of the Entra app the desk signs in with (Teams SSO); empty: no Desk settings.')
param deskClientId string = ''

@description('The Entra tenant whose Teams SSO tokens the desk accepts.')
param tenantId string

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
  // azd finds the web app to deploy the service "bot" (azure.yaml) to by this tag.
  tags: union(tags, {
    'azd-service-name': 'bot'
  })
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
    }
  }
}

// The desk (docs/ethics-office-and-desk.md): tokens for the SSO app, whose Application ID URI is
// api://<host>/<client id> (aad.manifest.json), from this tenant.
var deskSettings = empty(deskClientId)
  ? {}
  : {
      Desk__ClientId: deskClientId
      Desk__TenantId: tenantId
      Desk__Audience: 'api://${app.properties.defaultHostName}/${deskClientId}'
    }

resource settings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: app
  name: 'appsettings'
  properties: union(appSettings, deskSettings)
}

output name string = app.name
output id string = app.id
output hostName string = app.properties.defaultHostName
