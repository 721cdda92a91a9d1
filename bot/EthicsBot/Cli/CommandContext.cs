namespace EthicsBot.Cli;

internal sealed record CommandContext(IServiceProvider Services, TextWriter Out, TextWriter Error);
