using EthicsBot.Knowledge.Text;

namespace EthicsBot.Tests.Safety;

/// <summary>The text the n-gram screen reads: one spelling for the ways people type the same word.</summary>
public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("أحمد", "احمد")]
    [InlineData("إدارة", "اداره")]
    [InlineData("آخر", "اخر")]
    [InlineData("ٱلمدير", "المدير")]
    [InlineData("مستشفى", "مستشفي")]
    [InlineData("مسؤول", "مسوول")]
    [InlineData("رئيس", "رييس")]
    [InlineData("رشوة", "رشوه")]
    public void Arabic_letter_forms_are_written_one_way(string typed, string folded) => Assert.Equal(folded, TextFolding.Fold(typed));

    [Fact]
    public void Arabic_vowel_marks_tatweel_and_digits_go()
    {
        Assert.Equal("مديري", TextFolding.Fold("مُدِيرِي"));
        Assert.Equal("رشوه", TextFolding.Fold("رشـــوة"));
        Assert.Equal(TextFolding.Fold("مديري يأخذ رشوة"), TextFolding.Fold("مُدِيرِي يَأْخُذُ رِشْوَةً"));
        Assert.Equal("500 دولار", TextFolding.Fold("٥٠٠ دولار"));
        Assert.Equal("500", TextFolding.Fold("۵۰۰"));
    }

    [Fact]
    public void Latin_diacritics_case_and_punctuation_fold()
    {
        Assert.Equal("harcelement", TextFolding.Fold("Harcèlement"));
        Assert.Equal("harcelement", TextFolding.Fold("harce\u0300lement")); // the accent typed as a combining mark
        Assert.Equal("accao nao e soborno senor", TextFolding.Fold("Acção, NÃO é «soborno», señor!"));
        Assert.Equal("coeur strasse", TextFolding.Fold("cœur straße"));
        Assert.Equal("l argent", TextFolding.Fold("l’argent"));
    }

    [Fact]
    public void A_question_mark_in_any_script_is_a_token_of_its_own()
    {
        Assert.Equal("? puedo aceptar ?", TextFolding.Fold("¿Puedo aceptar?"));
        Assert.Equal("هل يمكنني ?", TextFolding.Fold("هل يمكنني؟"));
        Assert.Equal("", TextFolding.Fold("  ...  "));
    }

    [Fact]
    public void Features_are_unit_length_and_the_same_for_two_spellings()
    {
        var a = NgramFeatures.Of("مُدِيرِي يأخذ رشوة", 18);
        var b = NgramFeatures.Of("مديري ياخذ رشوه", 18);

        Assert.Equal(a.Indices, b.Indices);
        Assert.Equal(1.0, a.Values.Sum(v => (double)v * v), 5);
        Assert.True(a.Indices.SequenceEqual(a.Indices.Order()));
        Assert.Empty(NgramFeatures.Of("", 18).Indices);
    }
}
