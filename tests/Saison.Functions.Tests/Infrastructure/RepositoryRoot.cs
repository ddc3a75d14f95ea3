namespace Saison.Functions.Tests.Infrastructure;

/// <summary>The repository's root folder (where Saison.sln is), found from the test's own folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Saison.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Saison.sln not found above " + AppContext.BaseDirectory);
    }
}
