namespace EthicsBot.Knowledge;

/// <summary>A knowledge source that cannot be used. The message names the file and the reason.</summary>
public sealed class KnowledgeException : Exception
{
    public KnowledgeException(string file, string reason)
        : base($"{file}: {reason}")
    {
        File = file;
        Reason = reason;
    }

    public KnowledgeException()
    {
        File = "";
        Reason = "";
    }

    public KnowledgeException(string message) : base(message)
    {
        File = "";
        Reason = message;
    }

    public KnowledgeException(string message, Exception innerException) : base(message, innerException)
    {
        File = "";
        Reason = message;
    }

    public string File { get; }

    public string Reason { get; }
}
