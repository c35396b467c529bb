using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Loading;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Caching;

/// <summary>
/// Responses to identical queries are served from memory while the data version stays the same;
/// GET answers carry an ETag and Cache-Control and revalidate with 304; a committed load changes
/// the answer and the ETag. The class has its own database, so loading an edition here touches no other test.
/// </summary>
public sealed class ResponseCachingTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string GraphQLResponse = "application/graphql-response+json";

    /// <summary>Midlothian's newest all-persons reconviction rate.</summary>
    private const string LatestMidlothianRate = """
        { observations(where: { indicator: { code: { eq: "reconviction-rate" } }, area: { code: { eq: "S12000019" } }, sex: { eq: ALL } },
                       order: [{ period: { start: DESC } }], first: 1) { nodes { value period { label } } } }
        """;

    private WebApplicationFactory<Program> _factory = null!;

    public Task InitializeAsync()
    {
        _factory = api.Factory.WithWebHostBuilder(_ => { });
        return WaitForDataVersionAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>Caching starts once the data version has been read (at start-up, in the background).</summary>
    private async Task WaitForDataVersionAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await GetAsync("{ __typename }")).Headers.ETag is not null) return;
            await Task.Delay(50);
        }
        Assert.Fail("the data version was never read: no ETag on a successful GET");
    }

    private async Task<HttpResponseMessage> GetAsync(string query, string? ifNoneMatch = null, string accept = GraphQLResponse, object? variables = null)
    {
        var url = "/graphql?query=" + Uri.EscapeDataString(query)
            + (variables is null ? "" : "&variables=" + Uri.EscapeDataString(System.Text.Json.JsonSerializer.Serialize(variables)));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        var response = await _factory.CreateClient().SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private async Task<HttpResponseMessage> PostAsync(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(new JsonObject { ["query"] = query }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLResponse));
        var response = await _factory.CreateClient().SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static string? CacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Cache", out var values) ? values.Single() : null;

    [Fact]
    public async Task Get_is_cached_with_etag_and_cache_control()
    {
        const string query = """{ area(code: "S12000010") { name } }""";
        var first = await GetAsync(query);
        var second = await GetAsync(query);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(("MISS", "HIT"), (CacheStatus(first), CacheStatus(second)));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.NotNull(first.Headers.ETag);
        Assert.False(first.Headers.ETag!.IsWeak);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        var cacheControl = first.Headers.CacheControl!;
        Assert.Equal((true, true, TimeSpan.FromSeconds(60)), (cacheControl.Public, cacheControl.MustRevalidate, cacheControl.MaxAge));
        Assert.Contains("Accept", first.Headers.Vary);
        Assert.Equal(GraphQLResponse, first.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task If_none_match_with_the_current_etag_is_304()
    {
        const string query = """{ area(code: "S12000019") { name } }""";
        var etag = (await GetAsync(query)).Headers.ETag!.Tag;

        var revalidated = await GetAsync(query, ifNoneMatch: etag);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, revalidated.Headers.ETag?.Tag);
        Assert.NotNull(revalidated.Headers.CacheControl);

        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(query, ifNoneMatch: $"\"other\", W/{etag}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(query, ifNoneMatch: "\"not-this-one\"")).StatusCode);
    }

    [Fact]
    public async Task Media_type_variables_and_query_each_make_a_different_etag()
    {
        const string query = "query($code: String!) { area(code: $code) { name } }";
        var a = await GetAsync(query, variables: new { code = "S12000019" });
        var b = await GetAsync(query, variables: new { code = "S12000010" });
        var c = await GetAsync(query, accept: "application/json", variables: new { code = "S12000019" });
        var d = await GetAsync(query.Replace("name", "name code"), variables: new { code = "S12000019" });
        Assert.Equal(4, new[] { a, b, c, d }.Select(r => r.Headers.ETag!.Tag).Distinct().Count());
        Assert.Equal("application/json", c.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Midlothian", await a.Content.ReadAsStringAsync());
        Assert.Contains("East Lothian", await b.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_uses_the_cache_but_sends_no_http_caching_headers()
    {
        const string query = """{ areas(where: { name: { startsWith: "east" } }) { code } }""";
        var first = await PostAsync(query);
        var second = await PostAsync(query);
        Assert.Equal((HttpStatusCode.OK, "MISS", "HIT"), (first.StatusCode, CacheStatus(first), CacheStatus(second)));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Null(first.Headers.ETag);
        Assert.Null(first.Headers.CacheControl);
    }

    [Theory]
    [InlineData("{ noSuchField }")]
    [InlineData("""{ genderBreakdown(indicator: "reconviction-rate", area: "S12000019", period: "last year") { gap } }""")]
    public async Task Errors_are_neither_cached_nor_marked_cacheable(string query)
    {
        foreach (var _ in new[] { 1, 2 })
        {
            var response = await GetAsync(query);
            Assert.Null(CacheStatus(response));
            Assert.Null(response.Headers.ETag);
            Assert.Null(response.Headers.CacheControl);
            Assert.Contains("errors", await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>A second edition loaded and committed: the next GET shows its figure under a new ETag, and the old ETag no longer gets 304.</summary>
    [Fact]
    public async Task A_committed_load_changes_the_answer_and_the_etag()
    {
        var before = await GetAsync(LatestMidlothianRate);
        var beforeBody = await before.Content.ReadAsStringAsync();
        Assert.Equal("HIT", CacheStatus(await GetAsync(LatestMidlothianRate)));
        Assert.DoesNotContain("2030-31", beforeBody);

        var folder = Directory.CreateTempSubdirectory("cja-cache-test-");
        try
        {
            var csv = Path.Combine(folder.FullName, "reconvictions-next-edition.csv");
            await File.WriteAllTextAsync(csv, "FeatureCode,DateCode,Measurement,Units,Value,Gender,Age\nS12000019,2030/2031,Ratio,Percent reconvicted,12.3,All,All\n");
            // Under a dataset code of its own: a new edition of the real "reconvictions" dataset would replace the
            // figures every other test of the class reads, whichever order xUnit runs them in.
            var manifest = ManifestCatalog.Find(ManifestCatalog.LoadBundled(), "reconvictions") with
            {
                Code = "test-cache-next-edition",
                Title = "TEST DATA: generated by ResponseCachingTests; not real statistics",
            };
            var loaded = await new DatasetLoader(api.ConnectionString).LoadAsync(new LoadRequest(manifest, csv) { EditionDate = new DateOnly(2031, 6, 1) });
            Assert.Equal(LoadOutcome.Loaded, loaded.Outcome);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        HttpResponseMessage after;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        do
        {
            await Task.Delay(100);
            after = await GetAsync(LatestMidlothianRate, ifNoneMatch: before.Headers.ETag!.Tag);
        }
        while (after.StatusCode == HttpStatusCode.NotModified && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var body = JsonNode.Parse(await after.Content.ReadAsStringAsync())!;
        var node = body["data"]!["observations"]!["nodes"]![0]!;
        Assert.Equal((12.3m, "2030-31"), ((decimal)node["value"]!, (string?)node["period"]!["label"]));
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Equal("MISS", CacheStatus(after));
    }
}
