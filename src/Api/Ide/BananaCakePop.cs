using System.Text.Json;
using CommunityJustice.Analytics.Api.GraphQL.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace CommunityJustice.Analytics.Api.Ide;

/// <summary>
/// Serves the Banana Cake Pop GraphQL IDE (npm <c>@chillicream/bananacakepop-graphql-ide</c>, ChilliCream
/// License 1.0; see docs/ide.md). The build copies the package's prebuilt files to <c>ide/</c> beside the
/// API's assembly; they are served at <see cref="IdePath"/>, and a browser opening <see cref="GraphQLPath"/>
/// is redirected there. Every other request to <see cref="GraphQLPath"/> goes on to the GraphQL endpoint.
/// </summary>
public static class BananaCakePop
{
    /// <summary>The GraphQL endpoint the IDE talks to.</summary>
    public const string GraphQLPath = GraphQLHttpEndpoint.Path;

    /// <summary>Where the IDE's page and assets are served.</summary>
    public const string IdePath = GraphQLPath + "/ide";

    /// <summary>The page fetches its settings from <c>bcp-config.json</c> beside itself.</summary>
    public const string ConfigFileName = "bcp-config.json";

    /// <summary>The folder, under the app's base directory, that the build fills with the IDE's files.</summary>
    public static string FilesDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "ide");

    public static IApplicationBuilder UseBananaCakePop(this IApplicationBuilder app)
    {
        if (!File.Exists(Path.Combine(FilesDirectory, "index.html")))
        {
            // The API stays usable without its IDE; say why the IDE is missing rather than fail to start.
            app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BananaCakePop))
                .LogWarning("Banana Cake Pop is not served: {Directory} has no index.html. Build src/Api (it runs npm ci and copies the IDE).", FilesDirectory);
            return app;
        }

        app.Use(static (context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            {
                if (request.Path.Equals(GraphQLPath, StringComparison.OrdinalIgnoreCase) && IsBrowserPageRequest(request))
                    return Redirect(context);
                if (request.Path.Equals(IdePath, StringComparison.OrdinalIgnoreCase))
                    return Redirect(context);
                if (request.Path.Equals($"{IdePath}/{ConfigFileName}", StringComparison.OrdinalIgnoreCase))
                    return WriteConfig(context);
            }
            return next(context);
        });

        var files = new PhysicalFileProvider(FilesDirectory);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = IdePath });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = IdePath,
            OnPrepareResponse = static file =>
            {
                // static/ names carry a content hash; index.html and the service worker must be re-checked.
                var hashed = file.Context.Request.Path.StartsWithSegments($"{IdePath}/static", StringComparison.OrdinalIgnoreCase);
                file.Context.Response.Headers.CacheControl = hashed ? "public, max-age=31536000, immutable" : "no-cache";
            },
        });
        return app;
    }

    /// <summary>
    /// A browser navigating to the endpoint: GET with text/html acceptable and no GraphQL <c>query</c>
    /// parameter. GraphQL clients ask for JSON, and a GET carrying a query is a GraphQL request.
    /// </summary>
    public static bool IsBrowserPageRequest(HttpRequest request)
    {
        if (request.Query.ContainsKey("query")) return false;
        return request.GetTypedHeaders().Accept.Any(accept =>
            accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && accept.Quality is not 0);
    }

    private static Task Redirect(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Redirect($"{context.Request.PathBase}{IdePath}/");
        return Task.CompletedTask;
    }

    private static Task WriteConfig(HttpContext context)
    {
        // Keys read by the 18.0.0 bundle's preset (bcp-config.json). Telemetry off, and no gaTrackingId,
        // so the page talks to nobody but this API.
        var config = new Dictionary<string, object>
        {
            ["useBrowserUrlAsEndpoint"] = false,
            ["endpoint"] = $"{context.Request.PathBase}{GraphQLPath}",
            ["disableTelemetry"] = true,
            ["includeCookies"] = false,
            ["useGet"] = false,
            // A new tab opens on the README's example query rather than an empty document.
            ["document"] = ExampleDocument.Text,
        };
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(config));
    }
}
