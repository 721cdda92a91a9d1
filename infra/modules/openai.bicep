// Azure OpenAI with one chat model deployment, for grounded answers. Keys are disabled: the app uses its managed
// identity (Cognitive Services OpenAI User).
param name string

param location string

@description('The chat model and its version, as listed for the region.')
param model string = 'gpt-4o-mini'

param modelVersion string = '2024-07-18'

@description('Thousands of tokens per minute for the deployment.')
param capacity int = 20

param tags object = {}

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: '${name}-openai-${uniqueString(resourceGroup().id)}'
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: '${name}-openai-${uniqueString(resourceGroup().id)}'
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource chat 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: 'chat'
  sku: {
    name: 'GlobalStandard'
    capacity: capacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: model
      version: modelVersion
    }
  }
}

output name string = account.name
output endpoint string = account.properties.endpoint
output deployment string = chat.name
