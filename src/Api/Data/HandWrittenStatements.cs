using CommunityJustice.Analytics.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommunityJustice.Analytics.Api.Data;

/// <summary>
/// Statements written by hand (hot reads that skip EF Core's query pipeline) run on a context's pooled connection: opened
/// for the statement, with the context's command timeout and the request's cancellation, and closed (back to the pool)
/// afterwards whatever happens.
/// </summary>
public static class HandWrittenStatements
{
    public static async Task<TResult> ReadAsync<TResult>(AnalyticsDbContext db, string sql, IEnumerable<NpgsqlParameter> parameters,
        Func<NpgsqlDataReader, CancellationToken, Task<TResult>> read, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            if (db.Database.GetCommandTimeout() is int timeout) command.CommandTimeout = timeout;
            foreach (var parameter in parameters) command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await read(reader, cancellationToken);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
