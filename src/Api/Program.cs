using CommunityJustice.Analytics.Api.Access;
using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.Disclosure;
using CommunityJustice.Analytics.Api.GraphQL.Hosting;
using CommunityJustice.Analytics.Api.Health;
using CommunityJustice.Analytics.Api.Ide;
using CommunityJustice.Analytics.Api.Reports;
using CommunityJustice.Analytics.Api.Telemetry;

var builder = WebApplication.CreateBuilder(args);

builder.AddAnalyticsTelemetry();
builder.AddAnalyticsDatabase();
builder.Services.AddDisclosureControl(builder.Configuration);
builder.Services.AddAnalyticsGraphQL(builder.Configuration);
builder.Services.AddAnalyticsHealthChecks();
builder.Services.AddPartnerAccess(builder.Configuration);

var app = builder.Build();

app.UseRequestId();
app.UsePartnerAccess();
app.UseBananaCakePop();
app.UseRateLimiter();
app.MapAnalyticsHealthChecks();
app.MapGraphQLEndpoint();
app.MapPlanProgressReport();

app.Run();

/// <summary>Entry point, public so that WebApplicationFactory can host the API in tests.</summary>
public partial class Program;
