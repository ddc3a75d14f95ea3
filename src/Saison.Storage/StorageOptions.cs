namespace Saison.Storage;

/// <summary>
/// Configuration section <c>Storage</c>. No connection string → SQLite in the data folder;
/// <c>UseDevelopmentStorage=true</c> or an account connection string → the Table service;
/// <see cref="AccountUri"/> without a key → the Table service with the default Azure credential.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public string? ConnectionString { get; set; }

    public Uri? AccountUri { get; set; }

    /// <summary>The SQLite file's folder when the embedded store is used.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>The SQLite file's name.</summary>
    public string DatabaseFileName { get; set; } = "saison.db";
}
