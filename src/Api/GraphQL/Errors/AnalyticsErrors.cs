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
public sealed class UnknownIndicatorError(string code, IEnumerable<string> known)
    : AnalyticsError("UNKNOWN_INDICATOR", $"No indicator has the code '{code}'. Known codes: {string.Join(", ", known)}.");

/// <summary>No area with the given code, former code or name.</summary>
public sealed class UnknownAreaError(string area)
    : AnalyticsError("UNKNOWN_AREA", $"No area has the code, former code or name '{area}'. Use a GSS code such as S12000019 (Midlothian) or S92000003 (Scotland).");

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

/// <summary>
/// PostgreSQL could not be reached while answering (connection refused or lost, server shutting down
/// or starting). Not the request's fault: the endpoint answers 503 with Retry-After, and the request
/// can be sent again unchanged.
/// </summary>
public sealed class DatabaseUnavailableError : ExecutionError
{
    public const string ErrorCode = "DATABASE_UNAVAILABLE";

    public DatabaseUnavailableError()
        : base("The database is not reachable at the moment, so the query could not be answered. Send it again after the time in the Retry-After header.")
    {
        Code = ErrorCode;
    }
}
