using BenchmarkDotNet.Running;
using EthicsBot.Benchmarks;

// --latency: a quick percentile run (p50/p99); otherwise BenchmarkDotNet (pass --filter '*' to run all).
if (args.Contains("--latency"))
{
    LatencyRun.Run(Console.Out, searches: 20_000);
    return;
}
// --detector: start-up time of the report screen and its p50/p99 per message.
if (args.Contains("--detector"))
{
    await DetectorRun.RunAsync(Console.Out, messages: 3_000);
    return;
}
// --long: what a long message costs each step of the report screen, time and managed bytes (issue 25).
if (args.Contains("--long"))
{
    await LongMessageRun.RunAsync(Console.Out);
    return;
}
// --ngram: what the languages add to the report screen: the n-gram model's load time and memory, its p50/p99 per message.
if (args.Contains("--ngram"))
{
    DetectorRun.RunNgram(Console.Out, rounds: 3);
    return;
}
// --banks: the other languages' question banks: build and gate time, memory held, a search's p50/p99 (issue 23).
if (args.Contains("--banks"))
{
    BankRun.Run(Console.Out, rounds: 3);
    return;
}
// --desk [tables]: the ethics office desk's pages with 10,000 disclosures in SQLite, or in Table Storage on Azurite
// (server time, p50/p99); --rtt N adds N ms to every request to the table service (the Azure service's round trip).
if (args.Contains("--desk"))
{
    var at = Array.IndexOf(args, "--rtt");
    var rtt = 0;
    if (at >= 0 && !(at + 1 < args.Length && int.TryParse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture, out rtt) && rtt is >= 0 and <= 1_000))
    {
        Console.Error.WriteLine("--rtt wants the milliseconds to add to each table request, a whole number from 0 to 1000 (e.g. --rtt 10).");
        Environment.Exit(2);
    }
    await DeskRun.RunAsync(Console.Out, disclosures: 10_000, tables: args.Contains("tables"), TimeSpan.FromMilliseconds(rtt));
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(SearchBenchmarks).Assembly).Run(args);
