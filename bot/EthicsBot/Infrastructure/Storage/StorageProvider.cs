namespace EthicsBot.Infrastructure.Storage;

/// <summary>Where dialogs and disclosures are kept.</summary>
public enum StorageProvider
{
    /// <summary>The embedded SQLite file (default).</summary>
    Sqlite,
    /// <summary>Azure Table Storage, for more than one instance of the bot.</summary>
    Tables,
}
