namespace Saison.Storage;

/// <summary>
/// Configuration section <c>Storage</c>. No connection string → SQLite in the data folder;
/// <c>UseDevelopmentStorage=true</c> or an account connection string → the Table service;
/// <see cref="AccountUri"/> without a key → the Table service with the default Azure credential.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A storage connection string (<c>UseDevelopmentStorage=true</c>, or <c>DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Table service endpoint (<c>https://ACCOUNT.table.core.windows.net</c>) reached with Entra ID, no key.</summary>
    public Uri? AccountUri { get; set; }

    /// <summary>The SQLite file's folder when the embedded store is used.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>The SQLite file's name.</summary>
    public string DatabaseFileName { get; set; } = "saison.db";

    /// <summary>
    /// Whether each SQLite commit waits until the disk has it (<c>synchronous=FULL</c>). Off by default
    /// (<c>synchronous=NORMAL</c>, SQLite's advice in WAL mode): a commit then survives the app's crash or kill,
    /// and a power cut or a crash of the machine may lose the last commits but never leaves one half written; each
    /// commit no longer queues behind a disk flush. Turn it on where losing the last seconds to a power cut matters.
    /// </summary>
    public bool FlushEachCommit { get; set; }
}
