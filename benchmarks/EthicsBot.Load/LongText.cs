using System.Text;

/// <summary>Long messages made from sentences written for this benchmark (nothing from the evaluation sets).</summary>
public static class LongText
{
    private static readonly string[] EnglishSentences =
    [
        "Please find below the thread about the field visit next month.",
        "The logistics team confirmed that the vehicles will be ready on Monday morning.",
        "We still need the signed attendance sheets from the two training sessions in the north.",
        "The regional office asked whether the budget line for translation can be moved to the next quarter.",
        "I attach the draft agenda; comments are welcome until Thursday.",
        "The municipality offered a meeting room free of charge for the community consultation.",
        "Our partner organisation will send three volunteers to help with the distribution.",
        "The warehouse inventory shows enough blankets for about four hundred households.",
        "Kind regards, and thank you again for your patience with the delayed reports.",
        "The supplier's representative mentioned that they would like to invite the team to a dinner after the handover.",
        "Last year we received a similar invitation and nobody was sure what the rules were.",
        "Could you also check whether the security briefing is required for short visits?",
        "The consultant's final report is due at the end of the month, with the annexes in a separate file.",
        "From: Programme Coordinator\nSent: Tuesday\nSubject: RE: RE: field visit and supplier dinner\n",
    ];

    private static readonly string[] ArabicSentences =
    [
        "أعمل في مكتب المنظمة في عمّان منذ ثلاث سنوات.",
        "دعاني أحد الموردين إلى عشاء بعد انتهاء المشروع.",
        "أرسل لي الشريك المحلي هدية صغيرة بمناسبة العيد.",
        "نحن نعد تقريرا عن توزيع المساعدات في المخيمات الشمالية.",
        "اجتمع الفريق مع ممثلي البلدية لمناقشة خطة العمل للسنة القادمة.",
        "طلب مني مدير البرنامج مراجعة العقود قبل نهاية الشهر.",
        "سافرت الأسبوع الماضي إلى إربد لزيارة المشروع ولقاء المتطوعين.",
        "تم تأجيل التدريب على السلامة إلى يوم الخميس بسبب الطقس.",
        "يرجى إرسال جدول المصروفات إلى قسم المالية قبل يوم الأحد.",
        "شكرا لكم على تعاونكم المستمر ودعمكم للفريق الميداني.",
    ];

    public static string English(Random random, int bytes) => Build(random, bytes, EnglishSentences, "Can I accept the supplier's dinner invitation?");

    public static string Arabic(Random random, int bytes) => Build(random, bytes, ArabicSentences, "هل يجوز لي قبول الهدية أم يجب أن أبلغ مكتب الأخلاقيات؟");

    /// <summary>Sentences in a random order, a paragraph break now and then, until about <paramref name="bytes"/> of UTF-8; the question last.</summary>
    private static string Build(Random random, int bytes, string[] sentences, string question)
    {
        var text = new StringBuilder();
        var size = Encoding.UTF8.GetByteCount(question);
        while (size < bytes)
        {
            var sentence = sentences[random.Next(sentences.Length)];
            var separator = random.Next(5) == 0 ? "\n\n" : " ";
            text.Append(sentence).Append(separator);
            size += Encoding.UTF8.GetByteCount(sentence) + separator.Length;
        }
        return text.Append(question).ToString();
    }
}
