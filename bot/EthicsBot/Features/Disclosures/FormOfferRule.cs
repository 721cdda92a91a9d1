using System.Text.Json.Serialization;

namespace EthicsBot.Features.Disclosures;

/// <summary>
/// When an answer offers a form (the form file's <c>"offer"</c>): the question must tell of the asker's own act or
/// situation that the form declares — named by one of <see cref="About"/>'s phrases, or by a thing of one of the lexicon's
/// <see cref="Things"/> categories given or offered from outside — and name none of <see cref="NotWhen"/>'s prohibited
/// acts (a bribe is not declared, it is refused). A form file without it is offered only when asked for by name.
/// </summary>
public sealed class FormOfferRule
{
    /// <summary>The button under the answer that starts the form: "Declare a gift".</summary>
    [JsonPropertyName("button")] public string Button { get; set; } = "";

    /// <summary>Words and phrases that say the question is about what this form declares ("a relative applied", "teach").</summary>
    [JsonPropertyName("about")] public List<string> About { get; set; } = [];

    /// <summary>
    /// Words that often, but not always, tell of what this form declares (a cousin, a friend, a neighbour: a conflict
    /// when they apply for a job I recruit for, not when they ask me for a list): they call the form only when the answer
    /// rests on one of the form's clauses (first or second).
    /// </summary>
    [JsonPropertyName("aboutWhenCited")] public List<string> AboutWhenCited { get; set; } = [];

    /// <summary>Lexicon categories (<c>knowledge/lexicon.json</c>) whose things, given from outside, call for this form.</summary>
    [JsonPropertyName("things")] public List<string> Things { get; set; } = [];

    /// <summary>
    /// Words and phrases of acts the Code forbids outright (no form is offered for them), or that another form declares
    /// (a job offered calls the conflict form, not the gift form).
    /// </summary>
    [JsonPropertyName("notWhen")] public List<string> NotWhen { get; set; } = [];
}
