// Azure AI Search for the clauses and the FAQ entries. Basic is the smallest tier with the semantic ranker; keys are
// disabled, the app uses its managed identity.
param name string

param location string

@allowed([
  'basic'
  'standard'
])
param sku string = 'basic'

@allowed([
  'free'
  'standard'
])
@description('Semantic ranker plan: free (1,000 semantic queries a month) or standard (pay per 1,000).')
param semanticPlan string = 'free'

param tags object = {}

resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: '${name}-search-${uniqueString(resourceGroup().id)}'
  location: location
  tags: tags
  sku: {
    name: sku
  }
  properties: {
    replicaCount: 1
    partitionCount: 1
    hostingMode: 'default'
    semanticSearch: semanticPlan
    disableLocalAuth: true
    publicNetworkAccess: 'enabled'
  }
}

output name string = search.name
output endpoint string = 'https://${search.name}.search.windows.net'
