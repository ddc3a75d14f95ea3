using Saison.LocalHost.Functions;
using Saison.LocalHost.Http;

namespace Saison.LocalHost.Tests.Http;

/// <summary>The route template of an HTTP function: host.json's prefix, then its route or its name.</summary>
public sealed class FunctionRoutesTests
{
    private static LoadedFunction Http(string name, string? route, params string[] methods) =>
        new(name, "id", new FunctionBinding { Name = "req", Type = "httpTrigger", Direction = "In", Route = route, Methods = methods });

    [Theory]
    [InlineData("api", "seasons/{season:int}", "api/seasons/{season:int}")]
    [InlineData("api", "/seasons/{season:int}/", "api/seasons/{season:int}")]
    [InlineData("", "seasons/{season:int}", "seasons/{season:int}")]
    [InlineData("api", "", "api")]
    [InlineData("v1/api", "health", "v1/api/health")]
    public void The_template_joins_prefix_and_route(string prefix, string route, string expected)
    {
        Assert.Equal(expected, FunctionRoutes.Template(prefix, Http("F", route)));
    }

    [Fact]
    public void Without_a_route_the_function_answers_at_its_name()
    {
        Assert.Equal("api/Health", FunctionRoutes.Template("api", Http("Health", route: null)));
    }

    [Fact]
    public void Methods_are_upper_case_and_none_means_all()
    {
        Assert.Equal(["GET", "POST"], FunctionRoutes.Methods(Http("F", "f", "get", "post")));
        Assert.Empty(FunctionRoutes.Methods(Http("F", "f")));
    }
}
