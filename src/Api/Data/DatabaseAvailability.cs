using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;

namespace CommunityJustice.Analytics.Api.Data;

/// <summary>
/// Whether PostgreSQL can be reached, as last seen by a request, the readiness check or the
/// change monitor's connection. It logs one line when the database goes and one when it is back,
/// instead of a stack trace per failed request; requests that needed it are answered 503
/// DATABASE_UNAVAILABLE meanwhile (the GraphQL endpoint). Nothing waits on it: the next statement
/// simply tries again, so recovery needs no action.
/// </summary>
public sealed class DatabaseAvailability(string connectionString, ILogger<DatabaseAvailability> logger)
{
    /// <summary>The error code a request gets while the database is away (docs/api.md).</summary>
    public const string ErrorCode = "DATABASE_UNAVAILABLE";
    public const string ErrorMessage = "The database is not reachable at the moment, so the query could not be answered. Send it again after the time in the Retry-After header.";

    private int _unavailable;
    private long _unavailableSince;

    /// <summary>False from the first failure to reach the database until a connection succeeds again.</summary>
    public bool IsAvailable => Volatile.Read(ref _unavailable) == 0;

    /// <summary>
    /// True when the exception (or one it wraps) says the database could not be reached or went
    /// away: connection refused or reset, a socket or stream error, the server shutting down or
    /// starting up (SQLSTATE class 08, 57P01-57P03), or no connection slot (53300). A query the API
    /// cancelled (57014), a constraint or a syntax error are not.
    /// </summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                case SocketException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>Records that the database could not be reached; logs once, when it was available until now.</summary>
    public void ReportUnavailable(Exception exception)
    {
        if (Interlocked.Exchange(ref _unavailable, 1) != 0) return;
        Volatile.Write(ref _unavailableSince, Stopwatch.GetTimestamp());
        // Idle pooled connections are dead after a restart: drop them now, so that the first requests
        // after recovery do not fail on them (and report the database gone a second time).
        using (var connection = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(connection);
        logger.LogWarning("PostgreSQL is unreachable ({Reason}); queries that need it are answered 503 DATABASE_UNAVAILABLE until it is back",
            Reason(exception));
    }

    /// <summary>Records that a connection succeeded; logs once, when the database was unavailable until now.</summary>
    public void ReportAvailable()
    {
        if (Volatile.Read(ref _unavailable) == 0 || Interlocked.Exchange(ref _unavailable, 0) == 0) return;
        logger.LogInformation("PostgreSQL is reachable again after {Seconds:0.0} s unavailable",
            Stopwatch.GetElapsedTime(Volatile.Read(ref _unavailableSince)).TotalSeconds);
    }

    /// <summary>The innermost useful message, without a stack trace.</summary>
    private static string Reason(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException pg) return $"{pg.SqlState}: {pg.MessageText}";
            if (e is SocketException socket) return socket.SocketErrorCode.ToString();
        }
        return exception.InnerException?.Message ?? exception.Message;
    }
}
