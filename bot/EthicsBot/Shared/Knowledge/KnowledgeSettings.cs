namespace EthicsBot.Shared.Knowledge;

/// <summary>Configuration section <c>Knowledge</c>.</summary>
public sealed class KnowledgeSettings
{
    public const string Section = "Knowledge";

    /// <summary>The knowledge folder (sources/ and synonyms.txt); empty: the copy shipped beside the executable.</summary>
    public string Path { get; set; } = "";

    public string ResolvedPath => string.IsNullOrWhiteSpace(Path) ? System.IO.Path.Combine(AppContext.BaseDirectory, "knowledge") : System.IO.Path.GetFullPath(Path);
}
