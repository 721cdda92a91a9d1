using System.Text.RegularExpressions;

namespace EthicsBot.Features.Safety;

/// <summary>
/// Whether an English message asks what the writer may or must do about their own situation, or about the rules ("My
/// wife runs a catering business and I organise our trainings. Can her company supply the lunches?", "Who do I disclose
/// a box of chocolates to?", "What happens if someone files a complaint in bad faith?"), and tells of nobody else's
/// conduct. Such a message is a question about the rules even when it names a gift, a relative's company or a bribe,
/// and the sentence model's middle band (the banner) is lifted from it; a rule or the model's certainty (the handoff)
/// never is. Anything that may tell of someone else keeps the banner — someone seen or heard, something done or said
/// to the writer, anyone of the organisation named (a question about one's own case rarely needs one, a report nearly
/// always does; "a colleague" only in a case the writer puts, "what if a colleague…") — a report missed is worse.
/// </summary>
public static partial class OwnSituation
{
    /// <summary>
    /// The phrase that makes <paramref name="text"/> a question about the writer's own case or the rules, or null (also
    /// when it may tell of someone else's conduct, and for a language with no rules here).
    /// </summary>
    /// <param name="text">The message.</param>
    /// <param name="language">ISO 639-1 (en, fr, es, pt, ar), the language the screen read the text in.</param>
    /// <param name="outsiderMayAsk">Whether a request from outside the organisation may be the writer's own question
    /// (<see cref="OutsiderAsks"/>); the screen says no when its model hears more than a request.</param>
    public static string? Asks(string text, string language = "en", bool outsiderMayAsk = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = ReportDetector.Normalize(text);
        return language switch
        {
            "en" => English(normalized, outsiderMayAsk),
            "fr" or "es" or "pt" => Romance(normalized),
            "ar" => Arabic(Knowledge.Text.TextFolding.Fold(normalized)),
            _ => null,
        };
    }

    private static string? English(string normalized, bool outsiderMayAsk)
    {
        if (OthersConduct().IsMatch(normalized) || NamedInsider().IsMatch(normalized)
            || (!PutsACase().IsMatch(normalized) && AnyInsider().IsMatch(normalized))
            || (RequestOfTheWriter().IsMatch(normalized) && !(outsiderMayAsk && OutsiderAsks().IsMatch(normalized) && !ReportDetector.NamesWrongdoing(normalized))))
            return null;
        var asks = AsksForOneself().Match(normalized);
        return asks.Success ? asks.Value : PutsACase().Match(normalized) is { Success: true } @case ? @case.Value : null;
    }

    /// <summary>
    /// French, Spanish, Portuguese: the same judgement in their words; a wrongdoing named (the report rules' acts, and
    /// Portuguese ones) or a wish to report keeps the banner.
    /// </summary>
    private static string? Romance(string normalized) =>
        RomanceOthers().IsMatch(normalized) || PortugueseWrongdoing().IsMatch(normalized) || ReportDetector.NamesForeignWrongdoing(normalized, folded: false)
            ? null : RomanceAsks().Match(normalized) is { Success: true } asks ? asks.Value : null;

    /// <summary>Arabic, on the folded text (one alef, yaa, taa marbuta; no vowel marks), dialects as staff write them.</summary>
    private static string? Arabic(string folded) =>
        ArabicOthers().IsMatch(folded) || ReportDetector.NamesForeignWrongdoing(folded, folded: true)
            ? null : ArabicAsks().Match(folded) is { Success: true } asks ? asks.Value : null;

    /// <summary>Wrongdoing in Portuguese, as staff name it (Brazil, Angola, Mozambique).</summary>
    [GeneratedRegex(@"\b(roub\w*|furt\w*|desvi\w*|propinas?|suborn\w*|gasosa|kumbu|refresco|ass[ée]dio|assedi\w*|amea[çc]\w*|falsific\w*|fraud\w*|abus\w*|explor\w*|agred\w*|bat(e|eu|eram) (n|em)|vend(e|eu|em|iam|endo) (\w+ ){0,3}(ajuda|comida|cestas?|kits?|combust\w*|gas[oó]leo|doa\w*|dados|lista|medicamentos?|sacos?)|cobr(a|ou|am|aram|ando) (\w+ ){0,4}(benefici\w+|fam[ií]lias|refugiados|migrantes|deslocados|candidatos)|fantasmas?|inexistentes?|represálias?|retalia\w*|persegu\w*|sexo|sexua\w*|beij\w*|toc(a|ou|ar) (em )?(mim|me|n[ae]s?)|piadas machistas|racis\w*|discrimin\w*)\b")]
    private static partial Regex PortugueseWrongdoing();

    /// <summary>The writer asks what they (or their team) may, must or should do, who does what, or what the rules are.</summary>
    [GeneratedRegex(@"\b(can|could|may|might|should|shall|must) (i|we)\b|\b(can|could|may) (my|our|her|his|their) [\w-]+\b|\b(am|are) (i|we) (allowed|permitted|obliged|required|supposed|expected|entitled|able)\b|\bdo (i|we) (need|have|must|get to)\b|\bwhat (should|do|must|can|shall|would) (i|we) do\b|\bwhat now\b|\b(who|whom|where|how|when) (do|should|can|must|shall|would) (i|we)\b|\bhow (often|much|many|long|soon) (do|can|should|will) (i|we)\b|\bwho (can|will|signs|approves|fixes|decides|handles|pays)\b[^.!]*\?|^(when|where) (is|are|do|does|can)\b|\b(is|are) there (a|an|any|rules?)\b|\b(is|would) (it|that|this|there) (be )?(ok|okay|alright|all right|allowed|permitted|fine|acceptable|a problem|an issue|a conflict|possible|necessary|required|enough)\b|\b(ok|okay|fine|allowed|a problem) (if|for me)\b|\b(is|are) (a|an|such|my|our) (\w+ ){0,2}(allowed|permitted|ok|okay|acceptable|a problem|an issue)\b|\bany rules?\b|\b(is|are) there (anything|any \w+) (i|we) (need|have|must|should)\b|\banything (i|we) (need|have|must|should) to\b|\bis (ok|okay|fine|allowed) to\b|^why (does|do|is|are) (iom|ims|the code|we)\b|\bwhat (are|is) the (rules?|policy|procedure|requirements?|standards?)\b|\b(have|has|need|needs) to follow\b|\bapply to\b|\bwhat does the (code|standards?) say\b")]
    private static partial Regex AsksForOneself();

    /// <summary>The writer puts a case ("What happens if…", "Hypothetically…").</summary>
    [GeneratedRegex(@"^(if|what if|what happens? if|hypothetically|suppose|supposing|in case|imagine)\b")]
    private static partial Regex PutsACase();

    /// <summary>Someone else's conduct: seen or heard by the writer; done, said or asked of the writer; a team acting; anyone keeping at something.</summary>
    [GeneratedRegex(@"\b(i|we)('ve| have| had)? (\w+ )?(saw|seen|witnessed|noticed|overheard|caught|discovered|found out|suspect|heard|learned|learnt|realised|realized|know that|knew that)\b|\b(at|against) (me|us)\b|\babout (me|my (looks|body|accent|appearance|religion|race|gender|age|clothes|weight|skin))\b|\b(treats?|treated|ignores?|ignored|excludes?|excluded|blocks?|blocked|punish\w*|fired|demoted|transferred|touche[sd]|texts?|texted|texting|follows?|followed|hit|slapped|insulted|humiliated|threaten\w*|harass\w*|assault\w*|grop\w*|kiss\w*|abus\w*|pressur\w*|blackmail\w*|scream\w*|yell\w*|shout\w*) (me|us)\b|\b(hr|management|finance|admin|procurement|logistics)( team| unit| department| office)? \w+ed\b|\b(someone|somebody|people|everyone|they|he|she) (\w+ ){0,2}(keeps|kept|always|again)\b|\b(left|leaves) (me|us)\b(?! (a|an|some)\b)|(?<!\b(i|we) )\bkeeps? \w+ing\b|\b(i|we) keep (getting|receiving|seeing|hearing|finding|noticing|being|having to)\b|\bi (think|believe|fear|suspect)( that)? (someone|somebody|he|she|they|people|it's happening|it is happening)\b|\b(he|she|they|someone|somebody)( \w+){0,2} (keeps|takes|took|sells|sold|steals|stole|asks|asked|charges|charged|uses|used|makes|made|sends|sent|hides|hid|changed|signs|signed|forces|forced|tells|told)\b|\bfrom (finance|hr|admin|procurement|logistics|accounts|security|the (office|team|warehouse|unit|store)|our (office|team|unit|warehouse)|my (office|team|unit))\b")]
    private static partial Regex OthersConduct();

    /// <summary>Something asked, told or demanded of the writer: someone else's conduct, unless one from outside asks (<see cref="OutsiderAsks"/>).</summary>
    [GeneratedRegex(@"\b(told|asked|ordered|forced|pressured|threatened|instructed|pushed|made|wants|want|wanted|expects|expected|begged|warned) (me|us) (to|not to)\b|\b(asked|asks|asking|demanded|demands|demanding) (me|us) for\b")]
    private static partial Regex RequestOfTheWriter();

    /// <summary>
    /// One from outside the organisation asks or invites the writer ("a PhD student asked me for our data", "friends
    /// asked me to sign an open letter", "the university wants me to teach"): the writer asks what they may do, as in
    /// most questions to the Code — unless the request names a wrongdoing ("a share of the cash grants") or the model
    /// hears more than a request. Someone of the organisation asking is <see cref="NamedInsider"/>'s.
    /// </summary>
    [GeneratedRegex(@"\b(friends?|student|professor|lecturer|university|college|school|ministry|minister|embassy|consulate|governor|mayor|authorit(y|ies)|government|journalists?|tv|radio|newspaper|crew|ngos?|partners?|donors?|researchers?|family|families|relatives?|cousins?|uncle|aunt|brother|sister|neighbou?rs?|landlord|community|elders|(civil )?society|organi[sz]ation|company|firm|agency|council|club|church|mosque)\b( [\w'-]+){0,6}? (asked|asks|asking|wants|want|wanted|invited|invites|requested|requests|expects|expected|told)\b (me|us)\b")]
    private static partial Regex OutsiderAsks();

    /// <summary>The roles of the organisation's people, for <see cref="NamedInsider"/> and <see cref="AnyInsider"/>.</summary>
    private const string InsiderRoles = @"colleagues?|co-?workers?|managers?|supervisors?|boss(es)?|directors?|head of|chief|officers?|staff members?|employees?|drivers?|guards?|editors?|accountants?|cashiers?|storekeepers?|logisticians?|coordinators?|team ?lead(er)?s?|volunteers?|interns?|consultants?|assistants?|clerks?|translators?|interpreters?|reporters?";

    /// <summary>Up to two words before the role, none of them a verb ("my brother is editor-in-chief" names no editor).</summary>
    private const string UpToTwoWords = @"( (?!(is|was|are|were|as|works?|worked|working|became|becomes)\b)[\w-]+){0,2}";

    /// <summary>An officer of customs, the police, the army or a government is no one of the organisation.</summary>
    private const string NotAnOutsidersOfficer = @"(?<!\b(customs|police|government|ministry|tax|army|military|embassy) )";

    /// <summary>A particular person of the organisation (my, our, his, the, this… colleague, manager, lead, officer, driver, editor…), not the writer ("I'm the head of admin").</summary>
    [GeneratedRegex(@"((?<!\b(i'm|i am|i was|as|am) )\b(the|this|that|one of the)|\b(my|our|his|her|their|your|one of (my|our|his|her|their)))" + UpToTwoWords + " " + NotAnOutsidersOfficer + "(leads?|" + InsiderRoles + @")\b")]
    private static partial Regex NamedInsider();

    /// <summary>French, Spanish, Portuguese: the writer asks what they may, must or should do, or who does what.</summary>
    [GeneratedRegex(@"\b(je|j') ?(peux|pourrais|dois|devrais|ai le droit|ai besoin|suis oblig\w*|suis autoris\w*)\b|\b(puis|dois)-je\b|\best-(il|ce) (permis|autoris\w*|interdit|possible|grave|obligatoire|n[ée]cessaire|un probl[eè]me|un conflit)\b|\bfaut-il\b|\bil (me )?faut\b|\bc'est (ok|okay|permis|autoris\w*|interdit|grave|un conflit|un probl[eè]me|possible)\b|\bon (peut|doit|a le droit)\b|\bque (dois-je|faire|faut-il)\b|\bqui s'en occupe\b|\b(je|yo|eu) (le |la |lo |o |a )?(garde|rends|quedo|devuelvo|fico|devolvo)\b|\b(puedo|podr[ií]a|debo|deber[ií]a|necesito|tengo que|me (la |lo )?puedo|me debo|se puede|est[aá] permitido|est[aá] bien|est[aá] mal|hay que|qu[eé] hago|c[oó]mo hago|a qui[eé]n|cu[aá]ntos?|es un conflicto)\b|\b(posso|poderia|devo|deveria|preciso|tenho (que|de)|[eé] permitido|pode(mos)?|isso gera|gera conflito|[eé] um conflito|o que (eu )?fa[çc]o|a quem|quantos?)\b")]
    private static partial Regex RomanceAsks();

    /// <summary>
    /// French, Spanish, Portuguese: someone of the organisation doing something, something done or said to the writer, the
    /// writer having seen or suspecting it, or a wish to report.
    /// </summary>
    [GeneratedRegex(@"(^|[.!?,;¿¡] ?)(il|elle|ils|elles|él|ella|ellos|ellas|ele|ela|eles|elas) (?!(faut|y|est|s'agit|vaut|suffit|para[iî]t)\b)(se |s'|lui |le |la |les |me |m'|nos |nous )?\w+|(\b(mon|ma|notre|nos|le|la|les|un|une|des|ce|cette|mi|mis|nuestr[oa]s?|el|los|las|un|una|este|esta|meu|minha|nosso|nossa|um|uma|esse|essa|do|da|dos|das)( [\w-]+){0,2} |(^|[.!?,;] |\b(que|se|e|quando|porque) )(o|a|os|as)( [\w-]+){0,2} |\b[ld]')(chefs?|cheffes?|chefes?|jef[ea]s?|responsables?|respons[aá]ve(l|is)|sup[ée]rieure?s?|superviseu\w+|supervisor\w*|coll[eè]gues?|colegas?|compa[ñn]er[oa]s?|directeur|directrice|director\w*|diretor\w*|coordinat\w+|coordinador\w*|coordenador\w*|coordo|chauffeurs?|conductor\w*|chofer\w*|motoristas?|gardiens?|vigilantes?|guardas?|celador\w*|comptables?|contador\w*|contabilistas?|magasinier\w*|bodeguer\w*|fiel|gestionnaire\w*|gestor\w*|gerentes?|agents?|funcion[aá]ri[oa]s?|employ[ée]e?s?|empleado\w*|staff|encargad\w+|administrat\w+|animat\w+|assistant\w*|asistentes?|assistentes?|stagiaires?|volontaires?|b[ée]n[ée]voles?|voluntari[oa]s?|volunt[aá]ri[oa]s?|t[ée]cnic[oa]s?|oficial|officer|photographe|fot[oó]graf[oa]s?|journalistes?|periodistas?|jornalistas?|r[ée]dact\w+|editor\w*|[ée]diteur|interpr[eè]tes?|int[ée]rpretes?|traduct\w+|tradutor\w*|partenaires?|socios?|parceir[oa]s?|prestataires?|proveedor\w*|fornecedor\w*|fournisseurs?|contratista\w*|empreiteir\w*|entrepreneur)\b|\b(m'(a|ont|avait) (touch|menac|harc[eè]l|insult|frapp|forc|oblig|vir|renvoy|sanction|pris|vol|mut|retir)\w*|me (touche|harc[eè]le|menace|demande|oblige|force|insulte|frappe)|j'ai (vu|remarqu[ée]|d[ée]couvert|entendu|surpris)|je (sais|soup[çc]onne|pense|crois) qu|je (vois|l'ai vu)|(creo|pienso|acho|penso) que|(me|nos) (toca|acosa|amenaza|pide|pidi[oó]|obliga|exige|oblig[oó]|insulta|pega)|(vi|he visto|descubr[ií]|s[eé]) que|sospecho|me (ameaça|assedia|pediu|obriga|toca|persegue)|(eu )?vi (que|com)|desconfio|suspeito|signal\w*|d[ée]nonc\w*|denunci\w*|report\w*|whistle\w*|plainte|queja|queixa)\b")]
    private static partial Regex RomanceOthers();

    /// <summary>Arabic (folded): may I, is it allowed, must I, who do I ask, in Modern Standard and the dialects.</summary>
    [GeneratedRegex(@"(هل (يمكنني|يمكن|يجوز|يحق|مسموح|من المسموح|يسمح|ممكن|لازم|يجب|علي|ينبغي)|مسموح|ممنوع|لازم|يجب علي|ينبغي|نقدر|اقدر|بقدر|بنقدر|ينفع|يصح|واش|ولا لا|مين (مسوول|المسوول|بيتابع|اسال|اكلم)|من (المسوول|اسال|اكلم)|شو (لازم|بعمل|اعمل)|ماذا (افعل|علي)|اعمل ايه|ايش اسوي|وش اسوي|كيف (اعمل|اتصرف|اقدم|اطلب)|(?<!\p{L})كم (يوم|عدد|مبلغ)|(?<!\p{L})كام(?!\p{L}))")]
    private static partial Regex ArabicAsks();

    /// <summary>Arabic (folded): someone of the organisation, something done to the writer, seen or suspected, a wish to report.</summary>
    [GeneratedRegex(@"(زميل|زملايي|زملاء|مدير|رييس|مسوول|مشرف|سايق|سواق|شوفير|حارس|محاسب|منسق|امين المستودع|امين المخزن|موظف|الشاف|شاف |الشيف|مصور|الصحفي|صحفي|مترجم|متطوع|الشريك|الفني|المهندس|يبيع|بيبيع|باع |بيسرق|يسرق|يطلب من|بيطلب من|ياخذ من|ياخد من|بياخد|بياخذ|وهمي|شفت|رايت|لاحظت|سمعت|اكتشفت|اعرف ان|اعلم ان|اشك|هددني|يهددني|ضربني|ابتزني|لمسني|طلب مني|يطلب مني|بيطلب مني|تحرش|ابلغ|(?<!م)بلغ|التبليغ|الابلاغ|شكوي|اشتكي|(^|[.!؟?،,]\s*)(هو|هي|هم|هن) )")]
    private static partial Regex ArabicOthers();

    /// <summary>Anyone of the organisation, named or not ("a colleague", "colleague says…").</summary>
    [GeneratedRegex(@"(?<!\b(i'm|i am|i was|as|am) )(\b(a|an|some|another|two|three|several|any)" + UpToTwoWords + @" |^((?!(as|am|i'm)\b)[\w-]+ )?)" + NotAnOutsidersOfficer + "(" + InsiderRoles + @")\b")]
    private static partial Regex AnyInsider();
}
