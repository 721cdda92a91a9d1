using System.Diagnostics;

namespace EthicsBot.Tests.EndToEnd;

/// <summary>The bot run as a process of its own (kill and two-instance tests).</summary>
internal static class BotProcess
{
    /// <summary>Waits until the bot's /healthz answers; fails at once if the process exits, or after <paramref name="timeout"/>.</summary>
    public static async Task WaitHealthyAsync(Process bot, int port, TimeSpan timeout, string name)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var health = await probe.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
                if (health.IsSuccessStatusCode)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            Assert.False(bot.HasExited, $"{name} exited with {(bot.HasExited ? bot.ExitCode : 0)}");
            await Task.Delay(50);
        }
        throw new TimeoutException($"{name} did not come up");
    }
}
