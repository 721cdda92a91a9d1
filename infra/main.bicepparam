// Parameters for azd (azure.yaml) and for a deployment by hand, read from the environment with the defaults of
// env/.env.dev (the Microsoft 365 Agents Toolkit reads infra/azure.parameters.json instead, from the same variables):
//   SEARCH_MODE=embedded OPEN_AI=off az deployment group create -g <group> -f infra/main.bicep -p infra/main.bicepparam
// azd sets AZURE_PRINCIPAL_ID to whoever runs it, who then runs ingest (searchMode=azure) and gets the search roles.
using 'main.bicep'

param name = 'ethicsbot'
param searchMode = readEnvironmentVariable('SEARCH_MODE', 'embedded')
param openAi = readEnvironmentVariable('OPEN_AI', 'off')
param openAiLocation = readEnvironmentVariable('OPENAI_LOCATION', '')
param deskClientId = readEnvironmentVariable('AAD_APP_CLIENT_ID', '')
param ingestPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param defaultOrganization = readEnvironmentVariable('DEFAULT_ORGANIZATION', 'iom')
param appServiceSku = 'B1'
param searchSku = 'basic'
param botSku = 'F0'
param chatModel = 'gpt-4o-mini'
param chatModelVersion = '2024-07-18'
param chatCapacity = 20
