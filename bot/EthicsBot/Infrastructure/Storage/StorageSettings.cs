namespace EthicsBot.Infrastructure.Storage;

/// <summary>Where the bot keeps its data, configuration section <c>Storage</c>.</summary>
public sealed class StorageSettings
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The SQLite file; relative paths are taken from the working directory.</summary>
    public string SqlitePath { get; set; } = "data/ethicsbot.db";

    public TableStorageSettings Tables { get; set; } = new();
}
