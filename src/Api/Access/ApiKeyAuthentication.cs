using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Access;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.Access;

/// <summary>
/// Reads an API key from <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key</c> and checks it against
/// the stored hash (a constant-time comparison). No key: the request is anonymous (the public view).
/// A key that is malformed, unknown, expired or revoked: 401 with <c>WWW-Authenticate</c> and a
/// coded JSON error, never the public view in its place (a partner job should notice its key broke).
/// The key text is never logged or echoed; only its public key id is used afterwards.
/// </summary>
public sealed class ApiKeyAuthentication(RequestDelegate next)
{
    public const string HeaderName = "X-Api-Key";
    public const string Scheme = "ApiKey";
    private const string Realm = "CommunityJustice.Analytics";

    public async Task InvokeAsync(HttpContext http, RequestAccess access, IDbContextFactory<AnalyticsDbContext> databases, TimeProvider clock,
        DatabaseAvailability availability, IConfiguration configuration)
    {
        if (HttpMethods.IsOptions(http.Request.Method))
        {
            await next(http);
            return;
        }
        var presented = PresentedKey(http.Request, out var conflict);
        if (conflict)
        {
            await RefuseAsync(http, "INVALID_API_KEY", "The request carries two different API keys (Authorization and X-Api-Key); send one.");
            return;
        }
        if (presented is null)
        {
            await next(http);
            return;
        }

        var keyId = ApiKeyFormat.KeyIdOf(presented);
        ApiKey? key = null;
        if (keyId is not null)
        {
            try
            {
                await using var db = await databases.CreateDbContextAsync(http.RequestAborted);
                key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyId == keyId, http.RequestAborted);
            }
            catch (Exception e) when (DatabaseAvailability.IsUnavailable(e))
            {
                // The key cannot be checked while the database is away: the same 503 as any query then.
                availability.ReportUnavailable(e);
                // The endpoint's setting (GraphQLHttpOptions.DatabaseUnavailableRetryAfterSeconds), read by name
                // so that Access does not depend on the GraphQL folders.
                await UnavailableAsync(http, configuration.GetValue("GraphQL:DatabaseUnavailableRetryAfterSeconds", 5));
                return;
            }
        }
        // Hash and compare even when no row was found, so an unknown key id takes as long as a wrong secret.
        var matches = ApiKeyFormat.Matches(presented, key?.SecretHash ?? new byte[32]) && key is not null;
        if (!matches)
        {
            await RefuseAsync(http, "INVALID_API_KEY", "The API key is not valid. Check that it was copied whole; keys are shown once, at creation.");
            return;
        }
        var now = clock.GetUtcNow();
        if (key!.RevokedAt is not null)
        {
            await RefuseAsync(http, "API_KEY_REVOKED", $"The API key {key.KeyId} was revoked on {key.RevokedAt:yyyy-MM-dd}. Ask for a new key.");
            return;
        }
        if (key.ExpiresAt is { } expires && expires <= now)
        {
            await RefuseAsync(http, "API_KEY_EXPIRED", $"The API key {key.KeyId} expired on {expires:yyyy-MM-dd}. Ask for a new key.");
            return;
        }

        access.Grant = new AccessGrant(key.Id, key.KeyId, key.Name, key.PartnershipCode, key.Scopes.ToHashSet(StringComparer.Ordinal), key.RegisteredOperationsOnly);
        http.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "key:" + key.KeyId), .. key.Scopes.Select(s => new Claim("scope", s))], Scheme));
        await next(http);
    }

    /// <summary>The key the request presents, from Authorization (Bearer) or X-Api-Key; conflict when both carry different keys.</summary>
    private static string? PresentedKey(HttpRequest request, out bool conflict)
    {
        conflict = false;
        string? bearer = null;
        var authorization = (string?)request.Headers.Authorization;
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            bearer = authorization["Bearer ".Length..].Trim();
        var header = ((string?)request.Headers[HeaderName])?.Trim();
        if (bearer is { Length: > 0 } && header is { Length: > 0 } && bearer != header) conflict = true;
        return bearer is { Length: > 0 } ? bearer : header is { Length: > 0 } ? header : null;
    }

    private static Task UnavailableAsync(HttpContext http, int retryAfterSeconds)
    {
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return WriteErrorAsync(http, DatabaseAvailability.ErrorCode, DatabaseAvailability.ErrorMessage);
    }

    private static Task RefuseAsync(HttpContext http, string code, string message)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        var description = message.Replace("\"", "'", StringComparison.Ordinal);
        http.Response.Headers.WWWAuthenticate =
            $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"{description}\"";
        return WriteErrorAsync(http, code, message);
    }

    /// <summary>The body of a refusal made before GraphQL runs: one coded error, as the endpoint writes them.</summary>
    private static async Task WriteErrorAsync(HttpContext http, string code, string message)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            errors = new[] { new { message, extensions = new { code } } },
        }, cancellationToken: http.RequestAborted);
    }
}
