using EthicsBot.Knowledge.Text;
using System.Text.RegularExpressions;

namespace EthicsBot.Features.Safety;

/// <summary>
/// Decides, before anything else is done with a message, whether it reports misconduct — someone's wrongdoing seen,
/// suffered or suspected — rather than asks about the rules or declares one's own gift or interest.
///
/// Rules, so each decision can be explained (see docs/report-screen.md):
/// <list type="number">
/// <item>An explicit wish to report or blow the whistle ("I want to report…", "I need to blow the whistle") is a report.</item>
/// <item>Otherwise a message is a report when it names a wrongdoing (an act: stealing, a bribe, harassment,
/// backdating, "told me to lie", "gave the contract to his cousin"…) and tells of it happening (someone does it —
/// a colleague, my manager, he, someone — or it is done to me, or I saw / suspect / know of it).</item>
/// <item>A question about the rules ("what is harassment?", "can I accept…?") or a hypothetical ("what if…",
/// "if a colleague…") names no happening and stays a question; so does declaring one's own gift or interest.</item>
/// </list>
/// The detector errs towards the handoff: a report missed is worse than a rule question shown the channel.
/// </summary>
public static partial class ReportDetector
{
    public static ReportDecision Detect(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
            return new ReportDecision(false, []);
        var text = Normalize(message);
        var signals = new List<string>();

        var intent = ReportIntent().Match(text);
        var hypotheticalFirst = Hypothetical().Match(text) is { Success: true } h && h.Index < intent.Index;
        var askingWhetherToReport = IntentQuestion().IsMatch(text);
        if (intent.Success && !hypotheticalFirst && !askingWhetherToReport)
        {
            signals.Add($"intent:{intent.Value}");
            return new ReportDecision(true, signals);
        }

        // A report told in French, Spanish or Arabic; a wrongdoing named in their words that is not told as happening still
        // goes on to the English rules ("fraud" is a word of both: "I saw the storekeeper changing the stock cards, is it
        // fraud?" was left to the Spanish rules, which found no one doing it).
        if ((OtherLanguage(text, signals) ?? ArabicLanguage(message, signals)) is { IsReport: true } told)
            return told;

        var act = Act().Match(text);
        if (!act.Success)
            return WeakNarrative(text, signals);
        signals.Add($"act:{act.Value}");

        // "What is harassment?", "Is it fraud to…?", "if a colleague steals…" ask about the rules, not about a case.
        var hypothetical = Hypothetical().Match(text);
        var rulesQuestion = RulesQuestion().Match(text);
        var happening = Happening().Match(text);
        if (!happening.Success)
            happening = ThirdPartyAgent().Match(text);
        if (!happening.Success)
            happening = Victim().Match(text);
        if (happening.Success)
            signals.Add($"happening:{happening.Value}");
        if (hypothetical.Success)
            signals.Add($"hypothetical:{hypothetical.Value}");
        if (rulesQuestion.Success)
            signals.Add($"rules-question:{rulesQuestion.Value}");

        if (!happening.Success)
            return new ReportDecision(false, signals);
        if (hypothetical.Success && hypothetical.Index < act.Index)
            return new ReportDecision(false, signals);
        return new ReportDecision(!AsksAboutTheRules(text, rulesQuestion.Success, signals), signals);
    }

    /// <summary>
    /// Whether a message that names a wrongdoing happening asks what the writer may do or what the rules are, and tells
    /// of nothing the writer saw or suffered: "Can I…", "What is…", and "Does the ban on paying for sex apply on R&amp;R?"
    /// (what a rule covers, when it names nobody who may be doing it).
    /// </summary>
    private static bool AsksAboutTheRules(string text, bool rulesQuestion, List<string> signals)
    {
        if (Witnessed().IsMatch(text) || Victim().IsMatch(text))
            return false;
        var permission = PermissionQuestion().Match(text);
        if (permission.Success)
            signals.Add($"permission-question:{permission.Value}");
        if (rulesQuestion || permission.Success)
            return true;
        if (GeneralRuleQuestion().Match(text) is { Success: true } general && text.TrimEnd().EndsWith('?')
            && !SomeoneInParticular().IsMatch(text) && !InTheWritersWorld().IsMatch(text))
        {
            signals.Add($"general-rule-question:{general.Value}");
            return true;
        }
        if (RuleScopeQuestion().Match(text) is not { Success: true } scope || Someone().IsMatch(text))
            return false;
        signals.Add($"rule-scope-question:{scope.Value}");
        return true;
    }

    /// <summary>
    /// Whether the message tells more than a question about the writer's own plans: something the writer saw or suffered
    /// ("I saw…", "he slapped me", "I was assaulted", "threatened to fire me"), or a person who may be doing it (my
    /// supervisor, a guard, the driver, someone, he). Told that way, a message a rule fired on is a report whatever
    /// question follows it.
    /// </summary>
    internal static bool TellsOfWhatHappened(string message)
    {
        var text = Normalize(message);
        return Witnessed().IsMatch(text) || Harmed().IsMatch(text) || Someone().IsMatch(text);
    }

    // The people of the organisation and around it whom the rules read as someone who may be doing it; one list for
    // every rule that asks who acts, the media's own roles and the authorities added where a rule reads them.
    private const string Roles = "colleagues?|co-?workers?|managers?|supervisors?|boss(es)?|directors?|head|chief|officers?|staff( members?)?|employees?|team ?lead(er)?s?|drivers?|guards?|partners?|contractors?|suppliers?|vendors?|consultants?|interns?|volunteers?|coordinators?|accountants?|clerks?|assistants?|storekeepers?|cashiers?|officials?";
    private const string MediaRoles = "editors?|producers?|camera(wo)?m[ae]n|interpreters?|logisticians?";
    private const string LawAndLeaders = "representatives?|leaders?|police(men)?|soldiers?";

    [GeneratedRegex(@"\b(my|our|a|an|the|this|that|one|some|two|three|several|other|his|her|their)( [\w-]+){0,2} (" + Roles + "|" + LawAndLeaders + @")\b|\b(someone|somebody|he|she|they)\b")]
    private static partial Regex Someone();

    /// <summary>
    /// Whether an English message tells only of something the writer did before asking how the rules see it ("I made a
    /// joke about a colleague's accent in a meeting and he looked upset. Could this count as discrimination?", "I gave a
    /// beneficiary family 20 dollars from my own pocket. Could that be seen as a problem?"): every statement has the
    /// writer doing something, and none tells of anything seen, suffered, asked of the writer or done by anyone else.
    /// </summary>
    internal static bool TellsOfOwnAct(string message, IReadOnlyList<string> parts)
    {
        var text = Normalize(message);
        if (Witnessed().IsMatch(text) || Harmed().IsMatch(text) || OthersAct().IsMatch(text))
            return false;
        var statements = parts.Count == 0 ? [message] : parts.Where(p => !MessageParts.IsQuestion(p)).ToList();
        // A wrongdoing named after the writer's own verb is someone else's ("I printed the receipts our accountant had forged").
        return statements.Count > 0 && statements.All(s => Normalize(s) is var n && WritersAct().Match(n) is { Success: true } act && !Act().IsMatch(n[act.Length..]));
    }

    /// <summary>
    /// Whether a message brings in anyone besides the writer: a third person's pronoun ("he'd put 900 litres on it",
    /// "her husband promised"), someone who did something ("the agent who placed me"), a name or a title-and-name
    /// ("because Ms. Okafor insisted", "the way Mr Diallo preferred", "Jean keeps taking"), someone the writer did it with
    /// or at whose word ("with my supervisor", "it was his rule", "at the chairman's request"). Read on the message as
    /// typed, for its capitals: any capitalised word but the first of a sentence, "I" and an acronym (IOM, HR) counts.
    /// </summary>
    internal static bool NamesAnotherPerson(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ThirdPerson().IsMatch(message) || CapitalisedName().IsMatch(message);
    }

    [GeneratedRegex(@"\b(he|she|they|him|his|hers?|them|their|theirs|whose|he'd|she'd|he's|she's|they're|they've|they'd)\b|\bwho (?!(do|does|did|should|can|could|to|is responsible|approves?|decides?)\b)\w+|\b(with|along with|together with) (my|our|the|a|an)( [\w-]+){0,2} (" + Roles + "|" + MediaRoles + "|" + LawAndLeaders + @"|agents?|chairman|chair|owners?|doctors?|nurses?|landlords?)\b|'s (request|instruction|instructions|wish|order|orders|rule|idea|say-so)\b|\b(instructed|requested|ordered|told|asked|pressured|forced) by\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThirdPerson();

    // A capitalised word that is no sentence's first, not "I", not an acronym or a month or a day.
    [GeneratedRegex(@"(?<![.!?]\s*|^\s*|[""“(]\s*)\b(?!(I|I'm|I've|I'd|I'll|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Eid|Christmas|Ramadan|Code|Standards|Conduct|Ethics|Director|General|WhatsApp|Facebook|Teams|Excel)\b)[A-Z][a-z]+", RegexOptions.Multiline)]
    private static partial Regex CapitalisedName();

    // The writer as the one who acts: "I made…", "Yesterday I signed…", "I've been texting…", "I accidentally sent…".
    // Not "I reported…" or "I complained…" (the writer telling on someone).
    [GeneratedRegex(@"^((yesterday|today|recently|once|so|ok|okay|well|hi|hello|last (night|week|month|year)|this (morning|week|month)|a (few|couple of) (days|weeks|months) ago),? )*i('ve|'d)?( just| accidentally| mistakenly| once| also| sometimes| often| then| already| have| 've| had| 'd)*( been)? (?!(reported|complained|flagged|denounced|told (the|my) (office|hr|ethics|investigat\w+|supervisor|manager)))(\w+ed|made|gave|sent|signed|told|wrote|said|posted|shared|kept|let|put|paid|bought|sold|took|keep|forgot|met|ran|lent|hired|invited|borrowed|helped|called|texted|asked|\w+ing)\b")]
    private static partial Regex WritersAct();

    // Someone else acting or asking: "he took", "my supervisor asked", "the driver keeps", "was told to", "asked me",
    // "the finance officer who has been using it", the writer acting "for my manager" or "because the coordinator…".
    [GeneratedRegex(@"\b(he|she|they) (?!(looked|seemed|was|were|is|are|felt|feels|got|had|has|have|did not|does not|do not|said no|might|may|would|could)\b)\w+|\b(my|our|the|this|that|his|her|their)( [\w-]+){0,2} (" + Roles + @") (\w+ed|took|takes|asks|told|tells|gave|gives|made|makes|wants|keeps|kept|said|says|sells|sold|steals|stole|forces|insists)\b|\b(was|were|got|been) (told|asked|ordered|forced|pressured|instructed|made|threatened|offered)\b|\b(asked|told|ordered|forced|wants|wanted|made) (me|us)\b|\bwho (has|have|had|is|are|was|were)( been)? \w+ing\b|\b(for|on behalf of|because) (my|our|the|his|her|their)( [\w-]+){0,2} (" + Roles + @")\b")]
    private static partial Regex OthersAct();

    // A particular person who may be doing it (my supervisor, the driver, some guards, he): not "a colleague" or
    // "someone" a question puts in general.
    [GeneratedRegex(@"\b(my|our|the|this|that|some|two|three|several|other|his|her|their)( [\w-]+){0,2} (" + Roles + "|" + MediaRoles + "|" + LawAndLeaders + @")\b|\b(he|she|they)\b")]
    private static partial Regex SomeoneInParticular();

    [GeneratedRegex(@"\b(i|we)('m| am| was| were| are| have been| 've been| had been| got) (being )?(sexually |physically |verbally )?(harass|assault|abus|attack|threaten|touch|grop|rap|hit|beat|slapp|punch|kick|bull|intimidat|blackmail|fired|dismiss|demot|punish|retaliat|insult|humiliat|molest|exploit)\w*|\b(harass|bull|assault|touch|threaten|intimidat|retaliat|punish|hit|slapp|punch|kick|grop|abus|fire|fired|dismiss|demot|blackmail|insult|humiliat|rap|molest|kiss|push|shov)\w* (me|us)\b|\bthreaten\w* to (fire|dismiss|sack|hurt|kill|report|transfer|demote) (me|us)\b")]
    private static partial Regex Harmed();

    /// <summary>
    /// Rule 2b: no named wrongdoing, but a statement (not a question about oneself) in which someone else takes money,
    /// keeps or sells what is not theirs, alters records, or turns on the writer — told as something that happens.
    /// </summary>
    private static ReportDecision WeakNarrative(string text, List<string> signals)
    {
        var cue = WeakCue().Match(text);
        if (!cue.Success)
            return new ReportDecision(false, signals);
        signals.Add($"cue:{cue.Value}");
        var agent = ThirdPartyAgent().Match(text);
        var witnessed = Witnessed().Match(text);
        var victim = Victim().Match(text);
        if (!agent.Success && !witnessed.Success && !victim.Success)
            return new ReportDecision(false, signals);
        signals.Add($"agent:{(agent.Success ? agent.Value : witnessed.Success ? witnessed.Value : victim.Value)}");
        if (SelfQuestion().Match(text) is { Success: true } self)
        {
            signals.Add($"self-question:{self.Value}");
            return new ReportDecision(false, signals);
        }
        if (PermissionQuestion().IsMatch(text) || RulesQuestion().IsMatch(text) || Hypothetical().IsMatch(text))
            return new ReportDecision(false, signals);
        return new ReportDecision(true, signals);
    }

    /// <summary>
    /// Rule 3, French and Spanish: a wrongdoing named in the language (harcèlement, pot-de-vin, acoso, soborno…) and
    /// someone doing it or it done to the writer, unless the message asks about the rules or imagines a case. Null
    /// when the message names no such wrongdoing, so the English rules decide.
    /// </summary>
    private static ReportDecision? OtherLanguage(string text, List<string> signals) =>
        NamedWrongdoing(text, ForeignAct(), ForeignHappening(), ForeignQuestion(), signals);

    /// <summary>Rule 3 in any language: its wrongdoing, someone doing it, and no question about the rules.</summary>
    private static ReportDecision? NamedWrongdoing(string text, Regex acts, Regex happenings, Regex questions, List<string> signals)
    {
        var act = acts.Match(text);
        if (!act.Success)
            return null;
        signals.Add($"act:{act.Value}");
        var happening = happenings.Match(text);
        if (!happening.Success)
            return new ReportDecision(false, signals);
        signals.Add($"happening:{happening.Value}");
        if (questions.Match(text) is { Success: true } question)
        {
            signals.Add($"rules-question:{question.Value}");
            return new ReportDecision(false, signals);
        }
        return new ReportDecision(true, signals);
    }

    /// <summary>
    /// Rule 3 in Arabic, on the folded text (one spelling for alef, yaa and taa marbuta; no vowel marks): a wrongdoing
    /// named (stealing, a bribe, embezzling, harassment, forgery, blackmail, assault, threats, taking or asking for money,
    /// selling aid) and someone doing it — a colleague, a manager, a driver, a supplier, "I saw" — or it done to the
    /// writer ("threatened me", "harasses me"), unless the message opens by asking about the rules or imagining a case
    /// ("is it allowed…", "what if…", "what is…", "how do I report…"). Null when it names no such wrongdoing. The
    /// words match inside a word (Arabic joins its prepositions and pronouns to it), so they are stems chosen not to
    /// be parts of everyday words.
    /// </summary>
    private static ReportDecision? ArabicLanguage(string message, List<string> signals) =>
        message.Any(c => c is >= '\u0600' and <= '\u06FF')
            ? NamedWrongdoing(TextFolding.Fold(message), ArabicAct(), ArabicHappening(), ArabicQuestion(), signals)
            : null;

    // Wrongdoing in Arabic (folded: ة as ه, أ/إ/آ as ا, ى as ي).
    [GeneratedRegex(@"(يسرق|تسرق|سرقوا|سرقت|سرق |سرقه|سرقات|بيسرق|رشوه|رشاوي|رشاوي|يرتشي|مرتشي|ارتشاء|اختلاس|يختلس|اختلس|تحرش|يتحرش|متحرش|تزوير|مزوره|مزور|يزورون الفواتير|ابتزاز|يبتز|ابتزني|اغتصاب|يغتصب|اعتداء|اعتدي علي|يعتدي|استغلال جنسي|استغلالا جنسيا|هددني|يهددني|يهدد|تهديد|انتقام|ينتقم|احتيال|يحتال|فساد|(ياخذ|ياخد|بياخد|بياخذ|يقبض|قبض)( \S+){0,3} (فلوس|اموال|مال|نقود|مصاري|عموله|عمولات|نسبه|حصه|مبالغ|رشوه)\b|(يطلب|طلب|بيطلب|ياخذ|ياخد|اخذ) (\S+ ){0,2}من (العايلات|العايلات|المستفيدين|الناس|اللاجيين|النازحين|المهاجرين|الاسر)( \S+){0,3} (فلوس|اموال|مال|نقود|مصاري|مبلغ|مبالغ|رسوم)\b|(يطلب|طلب|بيطلب)( \S+){0,3} (رشوه|جنس)|(يبيع|بيبيع|باع|يبيعون|باعوا)( \S+){0,2} (المساعدات|مساعدات|الحصص|حصص|الطعام|المواد|الوقود|البطانيات|القسايم|الادويه))")]
    private static partial Regex ArabicAct();

    // Someone doing it, or it done to the writer, in Arabic.
    [GeneratedRegex(@"(زميل|زميلي|زميلتي|زملايي|زملاء|مدير|مديري|مديرتي|رييسي|رييس |المسوول|مسوول|المشرف|مشرف|السايق|سايق|الحارس|المحاسب|المنسق|المورد|مورد|المقاول|مقاول|موظف|الموظف|الموظفين|امين المستودع|امين المخزن|الشريك|شفت|رايت|لاحظت|سمعت|اكتشفت|اعرف ان|اعلم ان|اشك|هددني|يهددني|ضربني|يضربني|ابتزني|يبتزني|لمسني|يلمسني|طلب مني|يطلب مني|بيطلب مني|يتحرش بي|تحرش بي|اعتدي علي|يعتدي علي)")]
    private static partial Regex ArabicHappening();

    // Asking about the rules, or imagining a case, in Arabic: at the start of the message, or "is that considered…".
    [GeneratedRegex(@"^(هل (يجوز|يمكن|يحق|مسموح|من المسموح|يعتبر|تعتبر|يسمح|ممكن)|ماذا لو|ماذا يحدث|لو |اذا |ما (هو|هي|معني|تعريف|العقوبه|عقوبه)|ماهو|ماهي|كيف (ابلغ|اقدم|يتم|يمكنني|ممكن)|ما الذي يعتبر|لنفترض|نفترض|افترض|فرضا|بافتراض)|هل (يعتبر|تعتبر|يعد|تعد) (ذلك|هذا|هذه|هذي)")]
    private static partial Regex ArabicQuestion();

    /// <summary>
    /// Whether normalised English text names a wrongdoing the rules know (an act, or money or goods turned aside), or asks
    /// the writer to hide one ("keep quiet about the missing tents").
    /// </summary>
    internal static bool NamesWrongdoing(string normalized) => Act().IsMatch(normalized) || WeakCue().IsMatch(normalized) || CoverUp().IsMatch(normalized);

    // Asked to hide something, or something gone missing.
    [GeneratedRegex(@"\b(keep (\w+ ){0,2}quiet|(cover|hush) (\w+ ){0,2}up|not (to )?(tell|report|mention) (\w+ ){0,2}(anyone|anybody|the office|audit\w*|investigators?|the donor)|missing (\w+ ){0,2}(tents|money|cash|fuel|stock|items|goods|kits|funds|supplies|equipment|rations|food|laptops?|vehicles?|cars?|phones?|medicines?|generators?))\b")]
    private static partial Regex CoverUp();

    /// <summary>
    /// Whether the message names a wrongdoing in French or Spanish (<paramref name="folded"/> false, lower-cased text) or
    /// in Arabic (folded text): the acts rule 3 reads, for <see cref="OwnSituation"/> to keep the banner on.
    /// </summary>

    internal static bool NamesForeignWrongdoing(string text, bool folded) => folded ? ArabicAct().IsMatch(text) : ForeignAct().IsMatch(text);

    /// <summary>Lower case, one kind of apostrophe, "n't" spelled out, single spaces: the text the English rules read.</summary>
    internal static string Normalize(string message)
    {
        var text = message.ToLowerInvariant()
            .Replace('’', '\'').Replace('‘', '\'')
            .Replace("can't", "cannot", StringComparison.Ordinal)
            .Replace("n't", " not", StringComparison.Ordinal);
        // "the anti-corruption policy", "anti fraud training": the name of a policy, not a wrongdoing told.
        text = AntiPrefix().Replace(text, "anti");
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"\banti[- ](?=\w)")]
    private static partial Regex AntiPrefix();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // Wrongdoing in French and Spanish; a favour asked of the writer in return for a job ("être plus gentille avec lui").
    [GeneratedRegex(@"\b(harc[eè]l\w*|pots?[- ]de[- ]vin|soudoy\w*|corromp\w*|vol(e|ent|é|ait|aient)\b|détourn\w*|fraud\w*|faveurs? sexuel\w*|abus(e|é|ent|ait)?\b|abus sexuels?|attouchements?|représailles|menac\w*|discrimin\w*|falsifi\w*|fausses? factures?|rétro-?commissions?|magouill\w*|acos\w*|soborn\w*|coimas?|mordidas?|rob(a|an|ó|aron|ando|ado)\b|hurt\w*|malvers\w*|desv[ií](a|an|ó|aron|ando)\b|favores sexuales|abus(a|an|ó|aron|ando)\b|abuso sexual|manose\w*|represali\w*|amenaz\w*|facturas? falsas?|comisiones ilegales|(plus|très|un peu plus) (gentille?|sympa|aimable|câline|docile) avec (lui|elle|moi)|coucher avec|(más|muy) (cariños[oa]|amable|buena|complaciente) con (él|ella|migo)|acostarme con)")]
    private static partial Regex ForeignAct();

    // Someone does it, it is done to the writer, or the writer saw or suspects it.
    [GeneratedRegex(@"\b((mon|ma|notre|un|une|le|la|ce|cette) (\w+ )?(chef|cheffe|responsable|supérieure?|collègues?|directeur|directrice|coordinat\w+|chauffeur|fournisseurs?|superviseu\w+|manager|gestionnaire|comptable|agent)|m'(a|ont|avait)|me (touche|harcèle|menace|demande|oblige|force)|(mon|ma|notre) n\+[12]|m'appelle|j'ai (vu|remarqué|découvert|entendu)|je (sais|soupçonne|pense) qu|(mi|nuestro|nuestra|un|una|el|la|este|esta) (\w+ )?(jefe|jefa|supervisor\w*|compañer[oa]s?|colegas?|director\w*|coordinador\w*|conductor\w*|chofer|proveedor\w*|responsable|gerente|encargad\w+|contador\w*)|me (toca|acosa|amenaza|pide|pidió|obliga|exige|obligó)|(vi|he visto|descubrí|sé) que|sospecho)\b")]
    private static partial Regex ForeignHappening();

    // Asking about the rules or imagining a case, in French or Spanish.
    [GeneratedRegex(@"^(¿\s*)?(quel(le)?s? (est|sont)|cu[aá]l(es)? (es|son)|qu'est-ce|que (dit|faire|signifie)|comment (signaler|déclarer|faire|dénoncer)|est-ce (que|qu'il)|puis-je|peut-on|si (un|une|quelqu'un|on)\b|qu[eé] (es|significa|dice|hago si)|c[oó]mo (denuncio|reporto|declaro|puedo|se)|puedo|se puede|si (un|una|alguien|mi)\b)")]
    private static partial Regex ForeignQuestion();

    // 1. I want to report… / blow the whistle / whistleblowing on…
    [GeneratedRegex(@"\b(i|we)('m| am| are|'re)? ?(want|wish|need|would like|'d like|have|had|must|going|am going|decided|trying|try)( to)? (to )?(report|denounce|file a (complaint|report)|make a (complaint|report)|raise a (concern|complaint))\b(?! (an? |my |our |the )?(own |new )?(lost|missing|broken|sick|sickness|absence|leave|gift|conflict|interest|outside|expense|bug|it |technical|laptop|phone|computer|password|account|hours|time|change|address|accident|injury|travel|mission))|\b(i|we)('m| am| are|'re) (reporting|denouncing)\b|\bblow(ing)? the whistle\b|\bwhistle ?blow(ing)? (on|about)\b|\b(report|reporting) (my|our|a|the) (colleague|co-?worker|manager|supervisor|boss|director|team ?lead(er)?|head|officer|driver|partner|contractor)\b")]
    private static partial Regex ReportIntent();

    // 2. The wrongdoing itself: stems of the acts staff report.
    [GeneratedRegex(@"\b(stol(e|en)|steal(s|ing)?|theft|thie(f|ves)|embezzl\w*|pilfer\w*|fraud\w*|bribe(s|d|ry)?|brib(ing|ery)|kick-?backs?|backhanders?|extort\w*|falsif\w*|forg(e|es|ed|ing|ery)|back-?dat\w*|fake (invoices?|receipts?|documents?|timesheets?|claims?|beneficiar\w+)|fabricat\w*|inflat(ed|ing|es?) (the )?(invoices?|prices?|quotes?|claims?|numbers|figures|costs?)|divert(ed|ing|s)?|misus(e|ed|es|ing)|misappropriat\w*|siphon\w*|pocket(s|ed|ing)|launder\w*|cook(ing|ed)? the books|harass\w*|bull(y|ied|ies|ying)|abus(e|ed|es|ing|ive)|assault\w*|rap(e|ed|ing)|grop(e|ed|ing)|molest\w*|touch(ed|es|ing) me|sexual (favou?rs?|advances?|exploitation|comments?|jokes?)|exploit(s|ed|ing|ation)|(aid|food|help|assistance|jobs?|supplies) for sex|sex for|intimidat\w*|threat(en|ens|ened|ening)|retaliat\w*|reprisals?|punish(ed|ing) me|discriminat\w*|racis(m|t)|sexis(m|t)|(lie|lying|lied) to (the )?(auditors?|donors?|investigators?|police|ethics|management|me)|cover(ed|ing)? (it |this |that )?up|destroy(ed|ing)? (the )?(documents?|evidence|records?|files?)|(paid|pays|paying) for (work|services|goods|deliveries|items|trainings?) (that|which) (was|were|are|is|has|have|had) (never|not)|never (delivered|done|carried out|provided|performed)|ghost (workers?|employees?|staff|beneficiar\w+|payroll)|charg(es|ed|ing) (the )?(beneficiar\w+|refugees|migrants|people|families|villagers|recipients)|(ask|asks|asked|asking|demand\w*) (\w+ ){0,2}for (money|cash|a bribe|a payment|payment|a cut|a fee|sex|favou?rs)|(gave|gives|giving|awarded|awards|steered|steering|hired|hires|hiring|recruited|appointed|promoted) (\w+ ){0,3}(to )?(his|her|their)? ?(own )?(cousin|brother|sister|wife|husband|son|daughter|relative|family|friend|nephew|niece|uncle|aunt|girlfriend|boyfriend|partner|in-law)|rigg(ed|ing) (the )?(tender|bid|procurement|process|recruitment)|(using|uses|used|use) (\w+ ){0,3}(money|funds|fuel|vehicles?|cars?|budget|resources|equipment|assets?) for (personal|private|his|her|their|own)|personal expenses|(told|tells|asked|asks|ordered|orders|pressured|pressuring|forced|forcing|instructed) (me|us|staff|them) to (lie|falsify|backdate|hide|destroy|delete|alter|change the|sign|inflate|fake|cover|shred|ignore)|(drunk|intoxicated) (at|on|during) (work|duty)|(hit|slapped|punched|kicked|beat|beats|beaten) (me|a|her|him|them|staff|beneficiar\w+)|sell(s|ing)? (the )?(aid|food|relief|supplies|donated)|sold (the )?(aid|food|relief|supplies|donated)|leak(ed|ing|s)? (confidential|the|internal|personal)|not declar(ed|ing) (his|her|their)|undeclared (interest|conflict|business)|(he|she|they|manager|supervisor|boss|director|colleague) (has|have|had) an? (undisclosed|hidden|secret) (interest|stake|conflict|business|company|share)|nepotism|favou?ritism|stalk\w*|threats|delivered only|only delivered|short-?deliver\w*|charg\w* (\w+ ){0,3}for [\w ]{0,40}\bfree\b|sign(s|ed|ing)? (\w+ ){0,4}for (absent|others|colleagues|people who)|\d+[- ]year[- ]old (girl|boy|child|beneficiar\w+)|(lose|losing) (my|his|her|their) (job|contract|position) if|slap(s|ped|ping)?|racist|sexist|blackmail\w*|blacklist\w*|sleep(s|ing)? with|slept with|cover-?up|covered up|(demand|request)\w* (\w+ ){0,2}(sex|money|cash|a bribe|bribes|payment|payments|favou?rs)|in exchange for (sex|money|payments?|favou?rs|a job|jobs|contracts?|promotions?)|for (sex|sexual)|(fake|fictitious|non-?existent|phantom|invented) (\w+ )?(suppliers?|staff|workers|beneficiar\w+|participants|invoices?|receipts?|companies|names|trainings?|activities)|(do|does|did) not exist|never (took place|happened|existed|arrived|received)|double[- ]?(charg|bill|pay|paid|dip|count)\w*|(paid|billed|charged|invoiced|claimed) (\w+ ){0,3}(twice|three times|two times|double)|corrupt\w*|misconduct|wrongdoing|irregularit\w+|under the table|comment(s|ed|ing)? on my (body|looks|appearance|figure|clothes)|sen(d|ds|t|ding) me (explicit|sexual|nude|inappropriate|dirty)\w*|inappropriate(ly)? (touch\w*|messages|comments|behaviou?r|relationship|photos)|(sexual|romantic) relationship with (\w+ ){0,4}(beneficiar\w+|refugees?|migrants?|minors?|child|children|girl|boy)|sleep(s|ing)? with (a |an )?(beneficiar\w+|refugees?|migrants?)|(taking|takes|took|taken) (\w+ ){0,3}(fuel|money|cash|supplies|aid|food|equipment|stock|goods|items|laptops?|medicines?) (from|home|out of)|(yell|shout|scream)(s|ed|ing)? at (me|us|staff)|insult(s|ed|ing)? me|humiliat\w*|mistreat\w*|traffick\w*|forced labou?r|child labou?r|mark(ed|ing)? (people|staff|colleagues|them) (present|absent)|sign(s|ed|ing)? (in|for) (absent )?(colleagues|others|people))\b")]
    private static partial Regex Act();

    // The act happens: someone does it, it is done to me, or I saw / suspect / know of it.
    [GeneratedRegex(@"\b(my|our|a|an|the|this|that|one|some|two|three|several|other) (\w+ )?(colleagues?|co-?workers?|managers?|supervisors?|boss(es)?|director|head|chief|officers?|staff( members?)?|employees?|team ?lead(er)?s?|drivers?|guards?|partners?|contractors?|suppliers?|vendors?|consultants?|interns?|volunteers?|coordinators?|accountants?|clerks?|assistants?|storekeepers?|warehouse|cashiers?|field office|office|department|unit|country office|project|mission|procurement|finance|hr|logistics|admin\w*)\b|\b(someone|somebody|people|he|she|they|his|her|their|them|him|nobody|everyone)\b|\b(to|against|at|on) me\b|\bme (to|for)\b|\b(i|we)('m| am| was| were| are| have been| 've been| had been) (being |been )?\w+ed\b|\b(i|we) (saw|see|seen|witnessed|noticed|heard|found|discovered|know|knew|suspect|think|believe|fear|learned|learnt|overheard|caught|observed)\b|\bthere (is|are|was|were|has been|have been)\b|\bthere's\b|\b(going on|happening|happened|keeps|again)\b")]
    private static partial Regex Happening();

    [GeneratedRegex(@"\b(i|we) (saw|seen|witnessed|noticed|heard|found|discovered|know|knew|suspect|caught|observed|overheard)\b")]
    private static partial Regex Witnessed();

    [GeneratedRegex(@"\b(to|against|at) me\b|\bme (to|for)\b|\b(i|we)('m| am| was| were| are| have been| 've been) being\b|\b(i|we) (was|were|am|are|have been) (told|asked|ordered|forced|pressured|threatened|instructed)\b|\b(fired|dismissed|demoted|sacked|removed|transferred|excluded|suspended|blacklisted|punished) (me|us)\b|\b(harass|bull|assault|touch|threaten|intimidat|retaliat|punish|hit|slapp|punch|grop|abus)\w* (me|us)\b")]
    private static partial Regex Victim();

    // Conduct that is wrongdoing when someone else does it to the organisation, to beneficiaries or to the writer.
    [GeneratedRegex(@"\b((take|takes|taking|took|keep|keeps|keeping|kept|split|splits|splitting|pocket\w*) (\w+ ){0,2}(money|cash|cut|share|difference|change|rest|payments?|fees?)|(ask|asks|asked|asking|charg\w+|mak\w+|made|tell\w*|told|force\w*) (\w+ ){0,3}(to )?pay\b|pay (him|her|them|me) (to|for|before)|(a|his|her|their) (cut|share) (of|from)|(sell|sells|selling|sold|rent|rents|renting|rented) (\w+ ){0,3}(out|vouchers|rations|kits|aid|food|supplies|fuel|medicines|donated|cards|data|relief|items|goods|equipment|stock|trucks?|vehicles?|cars?|laptops?|phones?)|(for|to|in) (his|her|their) (own )?(house|home|family|shop|business|pocket|benefit|friends?|relatives?|village|farm|personal)|private (trips|use|business|purposes)|without (permission|authori[sz]ation|approval|consent|a tender|competition)|(chang|alter|modif|tamper|invent|edit|delet)\w* (\w+ ){0,3}(bank details|records?|figures|numbers|logbooks?|data|results|dates|documents|invoices?|reports?|attendance|timesheets?|participants|lists?|names|signatures|emails)|(is|are|was|were|being|been) (being )?(altered|changed|falsified|tampered|hidden|deleted|diverted|misused|paid (twice|three times))|(fire|fired|sack|sacked|dismiss|dismissed|demote|demoted|remove|removed|transfer|transferred|exclude|excluded|suspend|suspended|punish|punished|blacklist|blacklisted) me\b|unpaid (overtime|work)|(accepted|accepts|accepting|took|takes|taking|receiv\w+) (\w+ ){0,3}(money|cash|payments?|gifts?|cars?|phones?|envelopes?|loans?) from (a |an |the )?(\w+ )?(contractor|supplier|vendor|bidder|candidate|beneficiar\w+|company|partner)s?|(avoid|bypass|skip|get around) (the )?(tender|procurement|threshold|competition|rules|audit|controls)|copy\w* (\w+ ){0,3}(id|identity|cards|data|documents)|read\w* (\w+ ){0,3}(emails|files|messages|mail) |afraid|scared|remarks about|(use|uses|using|used) (\w+ ){0,3}(car|cars|vehicles?|money|funds|fuel|equipment|computers?|resources|staff|premises) (to|for) (run|his|her|their|personal|private|own))")]
    private static partial Regex WeakCue();

    // Someone other than the writer (and not the writer's own family, which is a disclosure) does something.
    [GeneratedRegex(@"^(my|our|the|a|an|one|some|two|three|several|this|that|another|other)( \w+){0,3} (colleagues?|co-?workers?|managers?|supervisors?|boss(es)?|director|head|chief|officers?|staff( members?)?|employees?|team|leads?|leaders?|drivers?|guards?|partners?|ngos?|contractors?|suppliers?|vendors?|consultants?|coordinators?|accountants?|clerks?|assistants?|storekeepers?|cashiers?|nurses?|doctors?|logisticians?|representatives?|management|officials?|teachers?|volunteers?|interns?|workers?|people)\b|^(someone|somebody|management|staff|he|she|they|people|everyone|nobody|an? (\w+ )?official)\b|\b(is|are|was|were) being \w+ed\b|\b(has|have) been \w+ed (to|by|for|from)\b")]
    private static partial Regex ThirdPartyAgent();

    // The writer asks what they themselves should do: a disclosure or a rules question, unless a wrongdoing is named.
    [GeneratedRegex(@"\b(what (should|do|can|must) (i|we) do|(do|should|must|can|may) (i|we)|is (that|this|it) (a problem|ok|okay|allowed|a conflict|fine)|what now|how do (i|we))\b")]
    private static partial Regex SelfQuestion();

    // Hypotheticals: the act is imagined, not told.
    [GeneratedRegex(@"\b(what if|if|suppose|supposing|hypothetically|in case|imagine|would it be|were to|should a|should someone|whether)\b")]
    private static partial Regex Hypothetical();

    // "Do I have to report…?", "Will I be protected if I report…": asking about reporting, not reporting.
    [GeneratedRegex(@"\b(do|should|must|can|will|would|shall) (i|we) (have to |need to |be protected if i |get in trouble if i )?report\b|\bprotected if (i|we) report\b")]
    private static partial Regex IntentQuestion();

    // Asking what one may do oneself.
    [GeneratedRegex(@"^(can|may|could|should|must|do|does|am|would|shall) (i|we|staff|one|a staff member|employees)\b|^(is|are) (it|we|staff|i) (ok|okay|allowed|acceptable|permitted|fine|alright|legal|appropriate|possible|forbidden|prohibited|against)\b|^(am i|are we) (allowed|permitted)\b|^(can|may|could|will|would|does|do) (my|the|our|an?|iom|ims) (\w+ )?(organi[sz]ation|employer|office|code|manager|supervisor|iom|ims)\b|^how (do|can|should) (i|we) (declare|disclose|report|handle|deal)\b")]
    private static partial Regex PermissionQuestion();

    // Asking what a rule, policy or ban covers ("does the harassment rule count outside the office?").
    [GeneratedRegex(@"^(does|do|is|are|would|will) (the|this|that|our|iom's|ims'|ims's|iom|ims)( [\w-]+){0,2} (rules?|polic(y|ies)|standards?|code|ban|prohibition)\b")]
    private static partial Regex RuleScopeQuestion();

    // A question about how the rules treat a kind of act, of nobody in particular: "Can gossip about a colleague be
    // considered harassment?", "Are jokes about someone's nationality covered by the discrimination rules?", "Is verbal
    // abuse toward a driver harassment even if it happens once?", "Does asking a colleague out once count as harassment?",
    // "How long after an incident can someone complain?".
    [GeneratedRegex(@"^(can|could|would|will|may|should) [^?.]{1,80}? be (considered|counted|treated|seen|classed|classified|reported|punished|dismissed|fired|sanctioned|debarred|disciplined|suspended|investigated)\b|^(is|are|does|do) [^?.]{0,80}? (covered by|covered under|included in|part of|under) (the |our |iom's |ims' )?[\w -]{0,30}(code|rules?|polic(y|ies)|standards?)\b|^is (a|an|any|it|verbal|physical|sexual|online|\w+ing)\b[^?.]{0,80}? (itself )?(misconduct|harassment|bullying|abuse|fraud|corruption|discrimination|exploitation|nepotism|favouritism|favoritism|a (violation|breach|crime))\b|^(does|do|is|are|would|could|can|will) [^?.]{0,80}? (count|counts|qualify|qualifies|amount|amounts) as\b|^(how long|where is the line|where do (you|we|i) draw the line|what('s| is) the difference)\b|^(under|according to) (the |iom's |ims' |ims's )?(iom|ims|code|rules?|standards?|polic\w+)( \w+)?,? (can|could|is|are|does|do|would|will|what|how)\b")]
    private static partial Regex GeneralRuleQuestion();

    // A case of the writer's own world: we, our site or office, my…, something that goes on ("since January", "every
    // week", "last week", "again"), or someone doing it ("a coordinator forcing staff…"). A general question about the
    // rules is none of these.
    [GeneratedRegex(@"\b(us|we|my|me)\b|\bour (?!code|rules?|polic|standards?)\w+|\b(since|every (day|night|week|month|weekend|time)|daily|weekly|last (night|week|month|year|time)|yesterday|this (morning|week|month|year)|right now|still|again|for (weeks|months|years)|\d+ times)\b|\bat (the|this) (centre|center|site|office|camp|distribution|warehouse|guesthouse|gate|checkpoint)\b|\b(a|an|one) ([\w-]+ ){0,2}(colleague|co-?worker|manager|supervisor|boss|director|head|officer|staff member|employee|team ?lead(er)?|driver|guard|partner|contractor|supplier|vendor|consultant|intern|volunteer|coordinator|accountant|clerk|assistant|storekeeper|cashier|official|editor|trainer|logistician|interpreter) \w+ing\b")]
    private static partial Regex InTheWritersWorld();

    // Questions about the rules themselves.
    [GeneratedRegex(@"^(what (is|are|counts as|does|do|constitutes|happens)|what's|how (is|are|does|do|should|can) (the code|iom|ims|we|one|staff|i)? ?(define|defined|treat|handle|deal)|define|definition|explain|is (it|this|that) (considered|counted as|seen as|a|an|\w+ (if|when|to))|does (the code|iom|ims)|which (clause|rule|section|policy)|who (handles|investigates|deals)|where (is|are|can i find) the (policy|rule|code))\b")]
    private static partial Regex RulesQuestion();
}
