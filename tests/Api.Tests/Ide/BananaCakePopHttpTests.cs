using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace CommunityJustice.Analytics.Api.Tests.Ide;

/// <summary>How /graphql and /graphql/ide/ answer plain HTTP: browsers get the IDE, GraphQL clients the endpoint.</summary>
public sealed class BananaCakePopHttpTests(IdeServerFixture server) : IClassFixture<IdeServerFixture>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    [Fact]
    public async Task Browser_opening_graphql_is_redirected_to_the_ide()
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.TryAddWithoutValidation("Accept", BrowserAccept);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/graphql/ide/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Ide_folder_without_trailing_slash_is_redirected_and_the_page_is_served()
    {
        using var client = server.CreateClient();

        using var redirect = await client.GetAsync("/graphql/ide");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/graphql/ide/", redirect.Headers.Location?.OriginalString);

        using var page = await client.GetAsync("/graphql/ide/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<title>Banana Cake Pop</title>", html);

        // The page's relative asset URLs resolve under /graphql/ide/ and are served from the build output.
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(static/js/main\\.[0-9a-f]+\\.js)\"").Groups[1].Value;
        Assert.NotEmpty(script);
        using var asset = await client.GetAsync("/graphql/ide/" + script);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);

        // The licence travels with the IDE's files.
        using var licence = await client.GetAsync("/graphql/ide/LICENSE.txt");
        Assert.Equal(HttpStatusCode.OK, licence.StatusCode);
        Assert.Contains("ChilliCream License 1.0", await licence.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Config_points_the_ide_at_the_own_endpoint_with_telemetry_off()
    {
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/graphql/ide/bcp-config.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var config = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("/graphql", config.RootElement.GetProperty("endpoint").GetString());
        Assert.False(config.RootElement.GetProperty("useBrowserUrlAsEndpoint").GetBoolean());
        Assert.True(config.RootElement.GetProperty("disableTelemetry").GetBoolean());
        Assert.False(config.RootElement.TryGetProperty("gaTrackingId", out _));
    }

    [Fact]
    public async Task Post_to_graphql_reaches_the_graphql_endpoint()
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ __typename }"}""", Encoding.UTF8, "application/json"),
        };
        // Even a client that would accept HTML is not sent to the IDE when it POSTs.
        request.Headers.TryAddWithoutValidation("Accept", "application/graphql-response+json, application/json, text/html");

        using var response = await client.SendAsync(request);

        await AssertAnsweredByGraphQL(response);
    }

    [Fact]
    public async Task Get_with_a_query_parameter_reaches_the_graphql_endpoint_even_from_a_browser()
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B__typename%7D");
        request.Headers.TryAddWithoutValidation("Accept", BrowserAccept);

        using var response = await client.SendAsync(request);

        await AssertAnsweredByGraphQL(response);
    }

    [Fact]
    public async Task Get_accepting_only_json_is_not_redirected()
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B__typename%7D");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await client.SendAsync(request);

        await AssertAnsweredByGraphQL(response);
    }

    private static async Task AssertAnsweredByGraphQL(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Query", json.RootElement.GetProperty("data").GetProperty("__typename").GetString());
    }
}
