namespace Saison.LocalHost.Tests;

public sealed class LocalHostOptionsTests
{
    [Fact]
    public void App_is_required_and_port_defaults_to_7071()
    {
        var (options, error) = LocalHostOptions.Parse(["--app", "publish"]);
        Assert.Null(error);
        Assert.Equal(Path.GetFullPath("publish"), options!.AppDirectory);
        Assert.Equal(7071, options.Port);

        Assert.Contains("--app is required", LocalHostOptions.Parse(["--port", "7072"]).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--app", "publish", "--port", "8080")]
    [InlineData("--app=publish", "--port=8080")]
    public void Both_spellings_are_read(params string[] args)
    {
        var (options, _) = LocalHostOptions.Parse(args);
        Assert.Equal(8080, options!.Port);
    }

    [Theory]
    [InlineData("--port", "0")]
    [InlineData("--port", "70000")]
    [InlineData("--port", "web")]
    [InlineData("--verbose")]
    public void Anything_else_is_a_usage_error(params string[] args)
    {
        var (options, error) = LocalHostOptions.Parse(["--app", "publish", .. args]);
        Assert.Null(options);
        Assert.Contains(LocalHostOptions.Usage, error, StringComparison.Ordinal);
    }
}
