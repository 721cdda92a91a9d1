namespace EthicsBot.Features.Disclosures;

/// <summary>A form file that cannot be used; the message names the file and the problem.</summary>
public sealed class FormDefinitionException(string message) : Exception(message);
