using CommunityJustice.Analytics.Api.Disclosure;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommunityJustice.Analytics.Api.Access;

/// <summary>CORS settings, section "Cors": browser origins allowed to call the API (none by default).</summary>
public sealed class CorsSettings
{
    public const string Section = "Cors";
    public const string PolicyName = "partners";

    /// <summary>Origins such as "https://dashboard.midlothian.gov.uk"; "*" allows any origin (never with credentials).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Whether browsers may send cookies / HTTP authentication. The API needs neither (keys go in headers).</summary>
    public bool AllowCredentials { get; set; }

    /// <summary>How long a browser may keep a preflight's answer.</summary>
    public int PreflightMaxAgeSeconds { get; set; } = 600;
}

public static class AccessRegistration
{
    /// <summary>
    /// API keys (per-request access, the restricted view for restricted:read keys, the audit log) and
    /// CORS. Call after AddDisclosureControl: the per-request view replaces the public one.
    /// </summary>
    public static IServiceCollection AddPartnerAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<RequestAccess>();
        services.Replace(ServiceDescriptor.Scoped<IDisclosureControl, PartnerDisclosureControl>());
        services.AddSingleton<global::GraphQL.DI.IConfigureExecution, AuditLog>();

        var cors = new CorsSettings();
        configuration.GetSection(CorsSettings.Section).Bind(cors);
        var origins = cors.AllowedOrigins.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim().TrimEnd('/')).ToArray();
        if (origins.Contains("*") && cors.AllowCredentials)
            throw new InvalidOperationException($"{CorsSettings.Section}: AllowedOrigins \"*\" cannot be combined with AllowCredentials; list the origins.");
        services.AddCors(o => o.AddPolicy(CorsSettings.PolicyName, policy =>
        {
            if (origins.Contains("*")) policy.AllowAnyOrigin();
            else policy.WithOrigins(origins);
            if (cors.AllowCredentials) policy.AllowCredentials();
            policy.WithMethods(HttpMethods.Get, HttpMethods.Post)
                .WithHeaders("Content-Type", "Accept", "Authorization", ApiKeyAuthentication.HeaderName, "If-None-Match")
                .WithExposedHeaders("ETag", "X-Cache", "WWW-Authenticate")
                .SetPreflightMaxAge(TimeSpan.FromSeconds(cors.PreflightMaxAgeSeconds));
        }));
        return services;
    }

    /// <summary>CORS (preflights answered before anything else), then API keys.</summary>
    public static IApplicationBuilder UsePartnerAccess(this IApplicationBuilder app)
    {
        app.UseCors(CorsSettings.PolicyName);
        app.UseMiddleware<ApiKeyAuthentication>();
        return app;
    }
}
