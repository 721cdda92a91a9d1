namespace EthicsBot.Features.Answers;

/// <summary>Configuration section <c>AzureOpenAI</c>; grounded answers are on when <see cref="Endpoint"/> is set.</summary>
public sealed class AzureOpenAISettings
{
    public const string Section = "AzureOpenAI";

    /// <summary>https://&lt;resource&gt;.openai.azure.com/ — empty: the embedded extractive answer only (the default).</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The chat model deployment name.</summary>
    public string Deployment { get; set; } = "chat";

    /// <summary>An API key (user secrets / Key Vault only); empty: the managed identity (AZURE_CLIENT_ID) or Azure CLI login.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>How long the model may take before the extractive answer is shown instead.</summary>
    public double TimeoutSeconds { get; set; } = 4;

    public int MaxOutputTokens { get; set; } = 450;

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);
}
