using System.Globalization;
using System.Text;
using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Testing;

/// <summary>
/// A revision of the IOM Code derived from the real one, so that what each clause became is known by construction:
/// 5.12 reworded in place; 5.16 split in two (harassment and abuse / threats, intimidation and favouritism); 5.17
/// (gender equality) removed; 5.18 and 5.19 (leadership) merged; so 5.20–5.53 renumbered one down to 5.19–5.52, with
/// the first gift paragraph (old 5.49, new 5.48) also reworded; a new 5.53 on social media; 5.54 kept.
/// </summary>
internal static class RevisedIomCode
{
    public const string SplitOld = "iom-5.16";
    public const string SplitHarassment = "iom-5.16";
    public const string SplitIntimidation = "iom-5.17";
    public const string Removed = "iom-5.17";
    public const string Added = "iom-5.53";
    private const string SplitAt = "Staff members shall not threaten";

    /// <summary>Which part of the split 5.16 each of its bank questions is about, decided by the person who split it.</summary>
    public static IReadOnlyDictionary<string, string> SplitAnswers { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["What counts as harassment at IOM?"] = SplitHarassment,
        ["My supervisor yells at me in front of everyone - is that harassment?"] = SplitHarassment,
        ["A colleague keeps making sexual comments to me, what can I do?"] = SplitHarassment,
        ["Is sexual harassment prohibited at IOM?"] = SplitHarassment,
        ["A colleague is threatening me to stop me from doing my work"] = SplitIntimidation,
        ["My manager is blocking my contract renewal just because he doesn't like me"] = SplitIntimidation,
        ["Is favouritism in the office against the standards?"] = SplitIntimidation,
        ["Does harassment outside the office count if it's connected to work?"] = SplitHarassment,
        ["am i entitled to a harassment-free workplace?"] = SplitHarassment,
        ["My coworker intimidates me so that I won't report his mistakes"] = SplitIntimidation,
        ["Verbal abuse at work - what are the rules?"] = SplitHarassment,
        ["Can a supervisor use their position to sideline a colleague they don't like?"] = SplitIntimidation,
        ["What is gender harassment and is it prohibited?"] = SplitHarassment,
        ["A colleague shoved me during an argument at the warehouse"] = SplitHarassment,
        ["Does IOM have a duty to protect me from harassment?"] = SplitHarassment,
        ["My boss only gives opportunities to his friends in the team"] = SplitIntimidation,
        ["After a field trip a colleague keeps messaging me at night, I feel harassed"] = SplitHarassment,
        ["Is it harassment if it happened at a work dinner and not in the office?"] = SplitHarassment,
        ["my supervisor keeps commenting on how I dress and asks me to stay late alone with him, I dont know what to do"] = SplitHarassment,
        ["I'm an intern and a senior colleague regularly humiliates me in meetings and calls me stupid - do I have to put up with it?"] = SplitHarassment,
        ["it's just office banter and teasing, does IOM really treat that as harassment?"] = SplitHarassment,
        ["Is there a 'minor' kind of harassment that's tolerated, like jokes at the end of a long field day?"] = SplitHarassment,
        ["why is IOM so strict about harrassment even when nobody got hurt?"] = SplitHarassment,
        ["Does the harassment rule apply to me as a national staff driver or is it only for managers?"] = SplitHarassment,
        ["I'm a team leader and when targets slip I sometimes raise my voice and call staff 'useless'. Is that over the line?"] = SplitHarassment,
        ["There's a colleague I really don't get along with. I'm on the committee picking who goes to the regional training - can I quietly leave her off the list?"] = SplitIntimidation,
        ["I asked a coworker out three times, she said no every time but I think she's just shy. Trying once more is fine?"] = SplitHarassment,
        ["To get my supervisee to drop her complaint about our office, could I hint that her contract renewal might get 'complicated'?"] = SplitIntimidation,
        ["i give my friends on the team the easier shifts at the distribution point. favouritism is normal everywhere no?"] = SplitIntimidation,
        ["During a heated argument at the warehouse I grabbed another guy by the collar. No one was hurt. Is that even covered?"] = SplitHarassment,
        ["I'm an interpreter and I sometimes make comments about how colleagues look - could I be the one breaking the rules here?"] = SplitHarassment,
        ["what is my own responsibility regarding harassment, not as victim but in how I behave?"] = SplitHarassment,
        ["A colleague keeps 'forgetting' to give me the vehicle logbook so I can't finish my monthly report - is that covered by the rules?"] = SplitIntimidation,
        ["My counterpart in finance sits on my payment requests for weeks on purpose so my distributions get delayed, is that misconduct?"] = SplitIntimidation,
        ["someone on my team deletes me from the email threads so I miss meetings and can't do my job properly"] = SplitIntimidation,
        ["I'm team lead for the caseworkers in Beirut. Can I give the Geneva training slot to the guy I get along with best?"] = SplitIntimidation,
        ["as field supervisor can i leave Karim off the Mosul field trip rota just because he annoys me?"] = SplitIntimidation,
        ["I plan the driver shifts in Kabul. Can I give the daytime city runs to my mates and the night airport runs to the ones I don't like?"] = SplitIntimidation,
        ["As a supervisor, can I nominate only my favourite people for the office recognition award?"] = SplitIntimidation,
        ["A colleague in my unit complained about me once. Now I draw up the distribution schedule - can I keep her on the worst shifts?"] = SplitIntimidation,
        ["I manage the protection team in Cox's Bazar and the interesting cases always go to the two people I trust most. Is that ok?"] = SplitIntimidation,
        ["I pick who goes on the missions abroad. Can I skip the staff member who always argues with me in meetings?"] = SplitIntimidation,
        ["programme manager in bogotá: may I give the donor-facing presentations only to staff I personally like, as a kind of reward?"] = SplitIntimidation,
        ["Can I quietly keep a colleague I can't stand from being acting officer-in-charge while I'm on leave?"] = SplitIntimidation,
        ["Team leader in Dakar. I've got one good laptop. Fine to give it to my friend on the team rather than the person who needs it for the reports?"] = SplitIntimidation,
        ["I don't like one of my staff's attitude. Can I keep giving her admin filler instead of real assignments until she gets the message and leaves?"] = SplitIntimidation,
        ["When I do the overtime roster in Maputo, can I give the paid overtime to the guys I play football with?"] = SplitIntimidation,
        ["Is rotating the Erbil-Duhok field trips only among people I get along with considered unfair under the Code?"] = SplitIntimidation,
        ["The colleague I clash with applied for the team's stretch assignment in Kyiv and I make the call. Can I pass her over without giving a reason?"] = SplitIntimidation,
        ["supervisor in tegucigalpa. can i leave the one colleague i dislike out of the team whatsapp where we share shift swaps and training spots?"] = SplitIntimidation,
        ["If I keep inviting a colleague for coffee after she's said no a few times, could that already count as harassment?"] = SplitHarassment,
        ["At team lunches I do an impression of my Nigerian colleague's accent and everyone laughs, him too. Could that be harassment under the Standards?"] = SplitHarassment,
        ["Are comments about how a colleague looks harassment if I mean them as compliments?"] = SplitHarassment,
        ["Does the verbal abuse mentioned in the harassment rules cover me swearing at the drivers when a convoy is late?"] = SplitHarassment,
        ["Which sentence in the IOM Standards actually says what kinds of harassment are prohibited?"] = SplitHarassment,
        ["Does harassment have to be physical or sexual to count, or can words alone be enough?"] = SplitHarassment,
        ["i post jokes about women drivers in the office whatsapp group. could that be harassment under iom rules?"] = SplitHarassment,
        ["I'm a team leader. If I keep asking a new caseworker out for drinks after shifts, is that gender harassment even though I never touch her?"] = SplitHarassment,
        ["Is mocking someone's stammer at a work dinner outside the office still covered by the harassment rule?"] = SplitHarassment,
        ["Why does IOM treat even 'light' harassment as serious? What's the principle behind it?"] = SplitHarassment,
        ["Does the no-harassment standard say anything about my own behaviour, not only about how others treat me?"] = SplitHarassment,
    };

    /// <summary>Where each IOM clause in use went (none: removed; two: the split, told apart by <see cref="SplitAnswers"/>).</summary>
    public static IReadOnlyList<string> ExpectedTargets(string oldId)
    {
        var number = oldId["iom-".Length..];
        if (!number.StartsWith("5.", StringComparison.Ordinal) || number == "5.0")
            return [oldId];
        var n = int.Parse(number[2..], CultureInfo.InvariantCulture);
        return n switch
        {
            < 16 or 54 => [oldId],
            16 => [SplitHarassment, SplitIntimidation],
            17 => [],
            18 or 19 => ["iom-5.18"],
            _ => [$"iom-5.{n - 1}"],
        };
    }

    public static IReadOnlyList<Clause> Derive(IReadOnlyList<Clause> current)
    {
        var iom = current.Where(c => c.Organization == "iom").ToDictionary(c => c.Number);
        var revised = new List<Clause>();
        void Add(string number, string title, string text, IReadOnlyList<string>? links = null) =>
            revised.Add(new Clause($"iom-{number}", "iom", number, title, text, links ?? [], iom["1.0"].DocumentTitle, revised.Count));
        foreach (var clause in iom.Values.OrderBy(c => c.Order))
        {
            var n = clause.Number.StartsWith("5.", StringComparison.Ordinal) ? int.Parse(clause.Number[2..], CultureInfo.InvariantCulture) : 0;
            if (n == 16)
            {
                var at = clause.Text.IndexOf(SplitAt, StringComparison.Ordinal);
                Add("5.16", clause.Title, clause.Text[..at].Trim());
                Add("5.17", "Freedom from intimidation", clause.Text[at..].Trim());
            }
            else if (n == 18)
                Add("5.18", clause.Title, clause.Text + " " + iom["5.19"].Text);
            else if (n == 54)
            {
                Add("5.53", "Use of social media", "When staff members use social media, in a personal capacity or otherwise, they remain bound by these standards. They should not post content that reflects adversely on IOM, reveal information obtained through their official functions, or comment publicly on matters that could compromise their independence and impartiality.");
                Add("5.54", clause.Title, clause.Text, clause.Links);
            }
            else if (n is not (17 or 19))
                Add(n > 19 ? $"5.{n - 1}" : clause.Number, clause.Title, Reword(clause), clause.Links);
        }
        return revised;
    }

    private static string Reword(Clause clause) => clause.Number switch
    {
        "5.12" => clause.Text
            .Replace("must be impartial by exhibiting", "are required to be impartial and to show", StringComparison.Ordinal)
            .Replace("could not gain public acceptance and confidence", "would lose the confidence and acceptance of the public", StringComparison.Ordinal),
        "5.49" => clause.Text
            .Replace("No staff member shall accept", "Staff members may not accept", StringComparison.Ordinal)
            .Replace("without first obtaining the approval of the Director General", "unless the Director General has approved it in advance", StringComparison.Ordinal)
            .Replace("would cause embarrassment to", "would embarrass", StringComparison.Ordinal),
        _ => clause.Text,
    };

    /// <summary>The clauses written out as a text export the clause parser reads (headings above, numbers in front).</summary>
    public static string Render(IReadOnlyList<Clause> clauses)
    {
        var text = new StringBuilder();
        string? section = null;
        foreach (var clause in clauses)
        {
            if (clause.Number.EndsWith(".0", StringComparison.Ordinal))
            {
                text.Append(clause.Number).Append("\n\n").Append(clause.Title.ToUpperInvariant()).Append("\n\n");
                if (!clause.IsHeadingOnly)
                    text.Append(clause.Text).Append("\n\n");
                section = null;
                continue;
            }
            if (clause.Title != section)
                text.Append(clause.Title).Append('\n');
            section = clause.Title;
            text.Append(clause.Number).Append(' ').Append(clause.Text.Replace("\n", "\n\n", StringComparison.Ordinal)).Append("\n\n");
        }
        return text.ToString();
    }
}
