using CommunityJustice.Analytics.Api.Data;
using GraphQL;

namespace CommunityJustice.Analytics.Api.GraphQL.Errors;

/// <summary>
/// An error a user can cause and fix: returned in the response's <c>errors</c> list with
/// <c>extensions.code</c> set to <see cref="ExecutionError.Code"/>.
/// </summary>
public abstract class AnalyticsError : ExecutionError
{
    protected AnalyticsError(string code, string message) : base(message)
    {
        Code = code;
    }
}

/// <summary>No indicator with the given code.</summary>
public sealed class UnknownIndicatorError(string code, IReadOnlyCollection<string> known)
    : AnalyticsError("UNKNOWN_INDICATOR", $"No indicator has the code '{code}'.{Suggestions.DidYouMean(code, known)} Known codes: {string.Join(", ", known)}.");

/// <summary>No area with the given code, former code or name.</summary>
public sealed class UnknownAreaError(string area, IEnumerable<string>? namesAndCodes = null)
    : AnalyticsError("UNKNOWN_AREA", $"No area has the code, former code or name '{area}'.{Suggestions.DidYouMean(area, namesAndCodes ?? [])} Use a GSS code such as S12000019 (Midlothian) or S92000003 (Scotland).");

/// <summary>An area-code filter (eq/in) names codes that are neither current nor former: answered with an error, never with an empty result.</summary>
public sealed class UnknownAreaCodeInFilterError(IReadOnlyList<string> codes)
    : AnalyticsError("UNKNOWN_AREA", $"No area has the code{(codes.Count == 1 ? "" : "s")} {string.Join(", ", codes.Select(c => $"'{c}'"))} named in the area code filter, as a current or a former code. " +
                                     "Use GSS codes such as S12000019 (Midlothian) or S92000003 (Scotland); areas { code name } lists them.");

/// <summary>No age band with the given code.</summary>
public sealed class UnknownAgeBandError(string ageBand, IEnumerable<string> known)
    : AnalyticsError("UNKNOWN_AGE_BAND", $"No age band has the code '{ageBand}'. Known codes: {string.Join(", ", known)}.");

/// <summary>A period argument that is not a financial year or calendar year label.</summary>
public sealed class InvalidPeriodError(string period)
    : AnalyticsError("INVALID_PERIOD", $"'{period}' is not a period this API understands. Use a financial year as \"2017-18\" or as statistics.gov.scot writes it, \"2017/2018\", or a calendar year such as \"2017\".");

/// <summary>A paging argument out of range (negative, above the maximum page size, or a bad cursor).</summary>
public sealed class InvalidPagingError(string message) : AnalyticsError("INVALID_PAGING", message);

/// <summary>A filter value the API cannot apply (e.g. a list operator given null).</summary>
public sealed class InvalidFilterError(string message) : AnalyticsError("INVALID_FILTER", message);

/// <summary>An area filter by SIMD decile while no edition with deciles is loaded: an error, not an empty result.</summary>
public sealed class SimdNotLoadedError(string indicator)
    : AnalyticsError("SIMD_NOT_LOADED", $"No edition with SIMD deciles (indicator {indicator}, dataset simd-2020v2) is loaded, so no area can be chosen by its decile. Load it with `ingest run --dataset simd-2020v2`.");

/// <summary>
/// PostgreSQL could not be reached while answering (connection refused or lost, server shutting down
/// or starting). Not the request's fault: the endpoint answers 503 with Retry-After, and the request
/// can be sent again unchanged.
/// </summary>
public sealed class DatabaseUnavailableError : ExecutionError
{
    public const string ErrorCode = DatabaseAvailability.ErrorCode;

    public DatabaseUnavailableError()
        : base(DatabaseAvailability.ErrorMessage)
    {
        Code = ErrorCode;
    }
}

/// <summary>
/// The stored disclosure decisions were taken with another rule than the API's (or none yet): no figure
/// is served under a weaker rule. The endpoint answers 503; an operator runs `ingest disclosure decide`.
/// </summary>
public sealed class DisclosureDecisionsOutOfDateError : ExecutionError
{
    public const string ErrorCode = "DISCLOSURE_DECISIONS_OUT_OF_DATE";

    public DisclosureDecisionsOutOfDateError(string reason)
        : base($"Figures cannot be served now: {reason}")
    {
        Code = ErrorCode;
    }
}

/// <summary>The caller's API key lacks the scope a field needs (or the caller has no key).</summary>
public sealed class InsufficientScopeError(string field, string scope, bool anonymous)
    : AnalyticsError(anonymous ? "AUTHENTICATION_REQUIRED" : "INSUFFICIENT_SCOPE", anonymous
        ? $"'{field}' needs an API key with the scope '{scope}'; send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'."
        : $"'{field}' needs the scope '{scope}', which this API key does not have.");
