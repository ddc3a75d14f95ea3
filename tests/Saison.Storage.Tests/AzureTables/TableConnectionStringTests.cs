using Saison.Storage.AzureTables;

namespace Saison.Storage.Tests.AzureTables;

public sealed class TableConnectionStringTests
{
    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("UseDevelopmentStorage=True;")]
    public void Development_storage_is_Azurite_on_its_default_port(string text)
    {
        var connection = TableConnectionString.Parse(text);

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableEndpoint);
        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.Equal(TableConnectionString.DevelopmentAccountKey, connection.AccountKey);
    }

    [Fact]
    public void An_account_string_builds_the_table_endpoint_from_name_and_suffix()
    {
        var connection = TableConnectionString.Parse("DefaultEndpointsProtocol=https;AccountName=saisonprod;AccountKey=a2V5a2V5a2V5;EndpointSuffix=core.windows.net");

        Assert.Equal(new Uri("https://saisonprod.table.core.windows.net"), connection.TableEndpoint);
        Assert.Equal("saisonprod", connection.AccountName);
        Assert.Equal("a2V5a2V5a2V5", connection.AccountKey);
    }

    [Fact]
    public void An_explicit_table_endpoint_wins_and_keys_keep_their_padding()
    {
        var connection = TableConnectionString.Parse(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + TableConnectionString.DevelopmentAccountKey
            + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;TableEndpoint=http://127.0.0.1:12345/devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:12345/devstoreaccount1"), connection.TableEndpoint);
        Assert.Equal(TableConnectionString.DevelopmentAccountKey, connection.AccountKey);
    }

    [Fact]
    public void The_account_is_read_from_a_table_endpoint_when_not_named()
    {
        Assert.Equal("saisonprod", TableConnectionString.Parse("TableEndpoint=https://saisonprod.table.core.windows.net/").AccountName);
        Assert.Equal("devstoreaccount1", TableConnectionString.Parse("TableEndpoint=http://127.0.0.1:10002/devstoreaccount1").AccountName);
    }

    [Fact]
    public void Without_a_key_the_string_still_parses_for_Entra_ID()
    {
        var connection = TableConnectionString.Parse("AccountName=saisonprod");
        Assert.Null(connection.AccountKey);
    }

    [Theory]
    [InlineData("AccountKey=a2V5", "AccountName")]
    [InlineData("AccountName=x;AccountKey=not base64!", "base64")]
    [InlineData("AccountName=x;SharedAccessSignature=sv=2020", "Shared access signatures")]
    [InlineData("DefaultEndpointsProtocol=ftp;AccountName=x", "ftp")]
    [InlineData("justtext", "Name=Value")]
    [InlineData("TableEndpoint=not-a-uri", "TableEndpoint")]
    public void Malformed_strings_say_what_is_wrong(string text, string said)
    {
        var error = Assert.Throws<FormatException>(() => TableConnectionString.Parse(text));
        Assert.Contains(said, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_never_shows_the_key()
    {
        var text = TableConnectionString.Parse("UseDevelopmentStorage=true").ToString();
        Assert.DoesNotContain(TableConnectionString.DevelopmentAccountKey, text, StringComparison.Ordinal);
    }
}
