using Microsoft.Data.Sqlite;

namespace EthicsBot.Tests;

/// <summary>
/// Deletes a test's temp folder, whatever the test left running a moment longer: a write still in flight (SQLite's
/// -wal and -shm files, a store's last batch) can add a file while the folder is being deleted ("Directory not
/// empty"), so the delete is tried again for up to two seconds before it fails. test.sh fails a run that leaves an
/// ethicsbot-* folder in the temp directory.
/// </summary>
internal static class TempFolders
{
    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                    Directory.Delete(path, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(100);
                SqliteConnection.ClearAllPools();
            }
        }
    }
}
