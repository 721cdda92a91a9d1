using Azure.Core;
using Azure.Identity;
using EthicsBot.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace EthicsBot.Hosting;

/// <summary>
/// The one <see cref="TokenCredential"/> the app reaches its Azure services with (Table Storage, Azure OpenAI, Azure AI
/// Search) when no key is configured: the user-assigned managed identity whose client id is
/// <c>Azure:ManagedIdentityClientId</c> (or, as before, <c>Storage:Tables:ManagedIdentityClientId</c>), otherwise the
/// default Azure credential chain (a managed identity named by <c>AZURE_CLIENT_ID</c>, or an Azure login). The bot's
/// own identity towards the Bot Framework is a credential of its own (EthicsBot.Teams), not this one.
/// </summary>
public static class AzureCredentials
{
    public const string ClientIdKey = "Azure:ManagedIdentityClientId";

    /// <summary>Registers the credential once, however many parts of the app ask for it.</summary>
    public static IServiceCollection AddAzureCredential(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // The bot's own Bot Framework credential is keyed (EthicsBot.Teams): it is not the app's and must not stand in for it.
        if (services.Any(d => d.ServiceType == typeof(TokenCredential) && !d.IsKeyedService))
            return services;
        services.Configure<AzureSettings>(configuration.GetSection(AzureSettings.Section)); // checked at start (SettingsValidation)
        services.AddOptions<StorageSettings>().Bind(configuration.GetSection(StorageSettings.Section));
        // Built from the settings that were checked, not read again from the raw configuration.
        services.AddSingleton(sp => Create(FirstSet(sp.GetRequiredService<IOptions<AzureSettings>>().Value.ManagedIdentityClientId,
            sp.GetRequiredService<IOptions<StorageSettings>>().Value.Tables.ManagedIdentityClientId)));
        return services;
    }

    /// <summary>A managed identity credential for this user-assigned client id; none: the default Azure credential chain.</summary>
    public static TokenCredential Create(string? managedIdentityClientId) => string.IsNullOrWhiteSpace(managedIdentityClientId)
        ? new DefaultAzureCredential()
        : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(managedIdentityClientId));

    private static string? FirstSet(string? first, string? second) => string.IsNullOrWhiteSpace(first) ? second : first;
}
