using CommunityJustice.Analytics.Api.Access;
using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.GraphQL.Caching;
using CommunityJustice.Analytics.Api.GraphQL.Errors;
using CommunityJustice.Analytics.Api.GraphQL.Limits;
using CommunityJustice.Analytics.Api.GraphQL.Options;
using CommunityJustice.Analytics.Api.GraphQL.PersistedOperations;
using CommunityJustice.Analytics.Api.Telemetry;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace CommunityJustice.Analytics.Api.GraphQL.Http;

/// <summary>
/// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/), written here because the
/// GraphQL.Server packages are not obtainable. GET and POST at /graphql; the response media type is
/// negotiated from Accept. A request that is not well-formed (body not JSON, query missing,
/// parameters of the wrong JSON type) gets 400. A well-formed request whose document fails before
/// execution (syntax, validation, variable coercion) gets 400 under application/graphql-response+json
/// and 200 under the legacy application/json, as the specification asks (checked by the graphql-http audit). Other refusals: 405 (mutation over
/// GET), 406 (neither media type acceptable), 413 (body too large), 415 (POST not application/json),
/// 503 (the query ran past the execution timeout). Successful query responses are cached per data
/// version; GET ones carry an ETag and Cache-Control, and If-None-Match gets 304 (docs/api.md).
/// </summary>
public static class GraphQLHttpEndpoint
{
    public const string Path = "/graphql";

    public static async Task HandleAsync(HttpContext http)
    {
        using var telemetry = new GraphQLRequestTelemetry(http);
        var responseType = GraphQLMediaTypes.Negotiate(http.Request.Headers.Accept);
        if (responseType is null)
        {
            await WriteErrorAsync(http, StatusCodes.Status406NotAcceptable, GraphQLMediaTypes.Json, "NOT_ACCEPTABLE",
                $"The endpoint responds with {GraphQLMediaTypes.GraphQLResponse} or {GraphQLMediaTypes.Json} (UTF-8); the Accept header allows neither.");
            return;
        }
        // A well-formed request whose document fails (syntax, validation, variables): 400 under
        // graphql-response+json, 200 under legacy application/json. A request that is not
        // well-formed (not JSON, missing or mistyped parameters) is 400 under both.
        var requestErrorStatus = responseType == GraphQLMediaTypes.Json ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;

        var (request, failure) = HttpMethods.IsPost(http.Request.Method)
            ? await GraphQLRequestReader.ReadPostAsync(http)
            : GraphQLRequestReader.ReadGet(http);
        if (failure is not null)
        {
            var status = failure.Status ?? StatusCodes.Status400BadRequest;
            await WriteErrorAsync(http, status, status is StatusCodes.Status200OK or StatusCodes.Status400BadRequest ? responseType : GraphQLMediaTypes.Json,
                failure.Code, failure.Message);
            return;
        }

        var services = http.RequestServices;
        var options = services.GetRequiredService<GraphQLHttpOptions>();
        var serializer = services.GetRequiredService<IGraphQLSerializer>();
        var isGet = HttpMethods.IsGet(http.Request.Method);

        // Persisted operations (registered by id) and keys limited to them.
        if (await PersistedOperationRequests.ResolveAsync(http, request!) is { } refusal)
        {
            await WriteErrorAsync(http, refusal.Status ?? requestErrorStatus, refusal.Status is null ? responseType : GraphQLMediaTypes.Json, refusal.Code, refusal.Message);
            return;
        }

        // Identical requests under the same data version get the same answer: serve it from memory
        // (or, for GET, answer 304 when the client already has it) without parsing or executing.
        string? cacheKey = null;
        ResponseCache? cache = null;
        // A request with an API key is never served from or stored in the cache: a restricted view's
        // figures must not reach another caller, and each restricted read must reach the audit log.
        if (options.Cache.Enabled && services.GetRequiredService<RequestAccess>().Grant is null
            && services.GetRequiredService<IDataVersion>().Current is { } version)
        {
            cache = services.GetRequiredService<ResponseCache>();
            var user = http.User.Identity is { IsAuthenticated: true } identity ? identity.Name ?? "(signed in)" : null;
            cacheKey = ResponseCache.Key(version, responseType, request!, user);
            if (isGet && HttpCaching.IfNoneMatch(http.Request, ResponseCache.ETag(cacheKey)))
            {
                telemetry.CacheLookup(hit: true);
                HttpCaching.SetHeaders(http, cacheKey, options.Cache, user is null);
                http.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            var found = cache.TryGet(cacheKey, out var cached);
            telemetry.CacheLookup(found);
            if (found)
            {
                telemetry.CachedOperation(cached!.OperationName);
                await WriteCachedAsync(http, cached!, isGet ? cacheKey : null, options.Cache, user is null, "HIT");
                return;
            }
        }

        // Parsing, validation and execution share one deadline and one place in the query's lane; resolvers
        // pass the token to their database queries, which are cancelled with it. The place is taken before
        // parsing: the lane is known from the text's length alone, and forty long documents arriving at once
        // must wait their turn rather than all be parsed at once, ahead of the cheap queries (issue #11).
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(options.ExecutionTimeout);
        ExecutionResult result;
        GraphQLOperationDefinition? operation;
        var gate = services.GetRequiredService<ExecutionGate>();
        var lane = gate.Classify(request!.Query!, http.Request.ContentLength ?? http.Request.QueryString.Value?.Length ?? 0);
        var waitStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await gate.EnterAsync(lane, deadline.Token);
            telemetry.QueueWaited(lane == ExecutionLane.Expensive ? "expensive" : "cheap", System.Diagnostics.Stopwatch.GetElapsedTime(waitStarted));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            await WriteResultAsync(http, StatusCodes.Status503ServiceUnavailable, responseType, TimedOut(options));
            return;
        }
        try
        {
            // A query text that was parsed and validated before is neither parsed nor validated again
            // (the rules that depend on variables still run).
            var validatedDocument = services.GetRequiredService<ValidatedDocumentCache>().Find(request.Query!);
            GraphQLDocument document;
            try
            {
                document = validatedDocument ?? services.GetRequiredService<IDocumentBuilder>().Build(request.Query!);
            }
            catch (ExecutionError ex) // the builder reports syntax errors as SyntaxError (code SYNTAX_ERROR) with the location
            {
                await WriteResultAsync(http, requestErrorStatus, responseType, new ExecutionResult { Errors = [ex] });
                return;
            }
            catch (GraphQLParserException ex)
            {
                await WriteErrorAsync(http, requestErrorStatus, responseType, "SYNTAX_ERROR", ex.Message);
                return;
            }

            operation = SelectOperation(document, request.OperationName);
            telemetry.Operation(operation, request.OperationName);
            if (isGet && operation is { Operation: not OperationType.Query })
            {
                http.Response.Headers.Allow = HttpMethods.Post;
                await WriteErrorAsync(http, StatusCodes.Status405MethodNotAllowed, responseType, "METHOD_NOT_ALLOWED",
                    $"A {operation.Operation.ToString().ToLowerInvariant()} cannot be sent with GET, which must not change anything; use POST.");
                return;
            }

            // Size limits that must hold before validation runs (alias and fragment bombs).
            if (validatedDocument is null && DocumentLimits.Check(document, options) is { } tooLarge)
            {
                await WriteResultAsync(http, requestErrorStatus, responseType, new ExecutionResult { Errors = [tooLarge] });
                return;
            }

            try
            {
                result = await services.GetRequiredService<IDocumentExecuter<AnalyticsSchema>>().ExecuteAsync(new ExecutionOptions
                {
                    Query = request.Query,
                    Document = document,
                    OperationName = request.OperationName,
                    Variables = request.Variables,
                    Extensions = request.Extensions,
                    RequestServices = services,
                    // Who to charge the query's cost to, for the validation rule that computes it (when budgets are on).
                    UserContext = services.GetRequiredService<ClientCostBudget>().Enabled
                        ? new Dictionary<string, object?> { [ClientCostBudget.ClientKey] = ClientRateLimits.PartitionKey(http) }
                        : new Dictionary<string, object?>(),
                    User = http.User,
                    CancellationToken = deadline.Token,
                });
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
            {
                result = TimedOut(options);
            }
        }
        finally
        {
            gate.Leave(lane);
        }
        if (deadline.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested) result = TimedOut(options);
        telemetry.Errors(result.Errors?.Count ?? 0);
        if (result.Errors?.OfType<DatabaseUnavailableError>().FirstOrDefault() is { } unavailable)
        {
            // The database is away: nothing of this answer is worth keeping. 503 with Retry-After and one
            // coded error, whichever media type; the client sends the same request again later.
            http.Response.Headers.RetryAfter = options.DatabaseUnavailableRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteResultAsync(http, StatusCodes.Status503ServiceUnavailable, responseType, new ExecutionResult { Errors = [unavailable] });
            return;
        }
        if (result.Errors?.OfType<DisclosureDecisionsOutOfDateError>().FirstOrDefault() is { } outOfDate)
        {
            // Not the request's fault, and nothing is served until an operator has the decisions taken again.
            await WriteResultAsync(http, StatusCodes.Status503ServiceUnavailable, responseType, new ExecutionResult { Errors = [outOfDate] });
            return;
        }
        if (result.Errors?.OfType<CostBudgetExceededError>().FirstOrDefault() is { } overBudget)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(overBudget.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteResultAsync(http, StatusCodes.Status429TooManyRequests, responseType, new ExecutionResult { Errors = [overBudget] });
            return;
        }
        if (result.Errors?.OfType<QueryTimeoutError>().Any() == true)
        {
            gate.TimedOut(request.Query!);
            // Not the request's fault and not cacheable: 503, whichever media type.
            await WriteResultAsync(http, StatusCodes.Status503ServiceUnavailable, responseType, result);
            return;
        }

        // Failed before execution (validation, unknown operation, bad variables): no data entry.
        var statusCode = result.Executed ? StatusCodes.Status200OK : requestErrorStatus;
        // Serialised into memory first, so that an answer over MaxResponseBytes can still be refused
        // with a status and a coded error rather than cut off mid-body.
        using var buffer = new ResponseBuffer(options.MaxResponseBytes);
        try
        {
            await serializer.WriteAsync(buffer, result, http.RequestAborted);
        }
        catch (ResponseBuffer.LimitReachedException)
        {
            await WriteResultAsync(http, requestErrorStatus, responseType, new ExecutionResult { Errors = [new ResponseTooLargeError(options.MaxResponseBytes)] });
            return;
        }
        if (cache is not null && cacheKey is not null && statusCode == StatusCodes.Status200OK && result.Errors is not { Count: > 0 }
            && operation is { Operation: OperationType.Query })
        {
            var response = new CachedResponse(buffer.Written.ToArray(), responseType, telemetry.OperationName);
            cache.Set(cacheKey, response);
            var user = http.User.Identity is { IsAuthenticated: true };
            await WriteCachedAsync(http, response, isGet ? cacheKey : null, options.Cache, !user, "MISS");
            return;
        }
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = responseType + "; charset=utf-8";
        http.Response.ContentLength = buffer.Length;
        await http.Response.Body.WriteAsync(buffer.Written, http.RequestAborted);
    }

    private static ExecutionResult TimedOut(GraphQLHttpOptions options) =>
        new() { Errors = [new QueryTimeoutError(options.ExecutionTimeout)] };

    /// <summary>A successful response body; a GET one carries its ETag and Cache-Control.</summary>
    private static async Task WriteCachedAsync(HttpContext http, CachedResponse response, string? getCacheKey, ResponseCacheOptions options, bool shared, string cacheStatus)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = response.MediaType + "; charset=utf-8";
        http.Response.ContentLength = response.Body.Length;
        http.Response.Headers["X-Cache"] = cacheStatus;
        if (getCacheKey is not null) HttpCaching.SetHeaders(http, getCacheKey, options, shared);
        await http.Response.Body.WriteAsync(response.Body, http.RequestAborted);
    }

    private static GraphQLOperationDefinition? SelectOperation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return string.IsNullOrEmpty(operationName)
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
    }

    private static Task WriteErrorAsync(HttpContext http, int status, string mediaType, string code, string message) =>
        WriteResultAsync(http, status, mediaType, new ExecutionResult { Errors = [new RequestError(message) { Code = code }] });

    private static async Task WriteResultAsync(HttpContext http, int status, string mediaType, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await http.RequestServices.GetRequiredService<IGraphQLSerializer>().WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
