namespace EthicsBot.Cli;

/// <summary>The command line was wrong: print the message and the usage, exit 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
