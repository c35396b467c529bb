using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.Disclosure;
using CommunityJustice.Analytics.Api.GraphQL.Caching;
using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Errors;
using CommunityJustice.Analytics.Api.GraphQL.Execution;
using CommunityJustice.Analytics.Api.GraphQL.Framework;
using CommunityJustice.Analytics.Api.GraphQL.Http;
using CommunityJustice.Analytics.Api.GraphQL.Indicators;
using CommunityJustice.Analytics.Api.GraphQL.Limits;
using CommunityJustice.Analytics.Api.GraphQL.Options;
using CommunityJustice.Analytics.Api.GraphQL.Parsing;
using CommunityJustice.Analytics.Api.GraphQL.PersistedOperations;
using GraphQL;

namespace CommunityJustice.Analytics.Api.GraphQL.Hosting;

public static class GraphQLRegistration
{
    /// <summary>Registers the schema, GraphQL.NET's executer and serializer, limits, and the HTTP endpoint's options.</summary>
    public static IServiceCollection AddAnalyticsGraphQL(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = new GraphQLHttpOptions();
        configuration?.GetSection(GraphQLHttpOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.AddScoped<DataLoaders>();
        services.AddSingleton<ExecutionGate>();
        services.AddSingleton<ClientCostBudget>();
        services.AddClientRateLimits(options.Admission);
        services.AddGraphQLResponseCache();
        services.AddSingleton<ValidatedDocumentCache>();
        services.AddSingleton<PersistedOperationStore>();
        // Before AddGraphQL, which registers its own builder only if none is: a syntax error on a long line costs linear time.
        services.AddSingleton<global::GraphQL.Execution.IDocumentBuilder, LongLineDocumentBuilder>();
        // Likewise: a request sent again (no variables, same reference data) is not validated again.
        services.AddSingleton<global::GraphQL.Validation.IDocumentValidator, ValidationResultCache>();
        services.AddSingleton<global::GraphQL.DI.IConfigureExecution, HelpfulErrors>();
        services.AddSingleton<global::GraphQL.DI.IConfigureExecution>(sp => sp.GetRequiredService<ValidatedDocumentCache>());
        // Fields one feature adds to another's type (Framework's fields on Indicator).
        services.AddSingleton<IIndicatorTypeExtension, IndicatorFrameworkFields>();
        // After DataChangeMonitor (registered with the database), whose start waits until it listens.
        services.AddSingleton<StartupWarmup>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupWarmup>());
        services.AddGraphQL(b => b
            .AddSchema<AnalyticsSchema>()
            .AddGraphTypes(typeof(AnalyticsSchema).Assembly)
            .AddSystemTextJson()
            .AddExecutionStrategy<CollectedFieldsExecutionStrategy>(global::GraphQLParser.AST.OperationType.Query)
            // Introspection as current tools send it (graphql-js getIntrospectionQuery with inputValueDeprecation
            // and directiveIsRepeatable): includeDeprecated on arguments and input fields, isRepeatable on directives.
            .ConfigureSchema(s =>
            {
                s.Features.DeprecationOfInputValues = true;
                s.Features.RepeatableDirectives = true;
            })
            // Stack traces never go to clients (coded user errors are not faults); unhandled exceptions are logged.
            .AddErrorInfoProvider(o => o.ExposeExceptionDetails = false)
            .AddUnhandledExceptionHandler(LogUnhandledException)
            .AddAnalyticsLimits(options));
        return services;
    }

    private static void LogUnhandledException(global::GraphQL.Execution.UnhandledExceptionContext context)
    {
        var services = context.Context?.RequestServices ?? context.ExecutionOptions?.RequestServices;
        if (DatabaseAvailability.IsUnavailable(context.OriginalException))
        {
            // Not a fault of the API: one log line for the whole outage (DatabaseAvailability), and a
            // coded error the endpoint turns into 503 with Retry-After.
            services?.GetService<DatabaseAvailability>()?.ReportUnavailable(context.OriginalException);
            context.Exception = new DatabaseUnavailableError();
            return;
        }
        if (context.OriginalException is DisclosureDecisionsOutOfDateException outOfDate)
        {
            context.Exception = new DisclosureDecisionsOutOfDateError(outOfDate.Message); // logged once per change of the data by DisclosureControl
            return;
        }
        services?.GetService<ILoggerFactory>()?.CreateLogger("CommunityJustice.Analytics.Api.GraphQL")
            .LogError(context.OriginalException, "Unhandled exception in GraphQL field {Field}", context.FieldContext?.FieldDefinition.Name);
    }

    /// <summary>Maps the GraphQL-over-HTTP endpoint (GET and POST) at <see cref="GraphQLHttpEndpoint.Path"/>.</summary>
    public static IEndpointRouteBuilder MapGraphQLEndpoint(this IEndpointRouteBuilder endpoints)
    {
        var route = endpoints.MapMethods(GraphQLHttpEndpoint.Path, [HttpMethods.Get, HttpMethods.Post], GraphQLHttpEndpoint.HandleAsync)
            .WithDisplayName("GraphQL over HTTP")
            .DisableAntiforgery();
        // Per-client limits (needs app.UseRateLimiter(), Program.cs).
        if (endpoints.ServiceProvider.GetRequiredService<GraphQLHttpOptions>().Admission.Enabled) route.RequireRateLimiting(ClientRateLimits.PolicyName);
        return endpoints;
    }
}
