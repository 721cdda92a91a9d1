using EthicsBot.Conversation;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Tests.Teams;

public sealed class MessageTextTests
{
    [Theory]
    [InlineData("<at>EthicsBot</at> Can I accept a gift?", "Can I accept a gift?")]
    [InlineData("ask Can I accept a gift?", "Can I accept a gift?")]
    [InlineData("<at>EthicsBot</at> ask   can I teach at a university?", "can I teach at a university?")]
    [InlineData("ask", "ask")]
    [InlineData("asking for a friend: can I accept a gift?", "asking for a friend: can I accept a gift?")]
    [InlineData("Is &quot;hospitality&quot; a gift?", "Is \"hospitality\" a gift?")]
    public void Mentions_markup_and_the_menu_s_ask_are_removed(string text, string expected) =>
        Assert.Equal(expected, EthicsTeamsBot.MessageText(new Activity { Text = text }));
}
