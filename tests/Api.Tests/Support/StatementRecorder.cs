using System.Collections.Concurrent;
using System.Diagnostics;

namespace CommunityJustice.Analytics.Api.Tests.Support;

/// <summary>
/// Records the SQL statements Npgsql sends to one database while it is alive (from Npgsql's
/// activities; connection opens are not statements). The API's own housekeeping connections have
/// tracing off, so only statements made for requests are recorded.
/// </summary>
public sealed class StatementRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<string> _statements = new();

    public StatementRecorder(string databaseName)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                var database = activity.GetTagItem("db.namespace") ?? activity.GetTagItem("db.name");
                if (!Equals(database, databaseName) || activity.DisplayName.StartsWith("CONNECT", StringComparison.Ordinal)) return;
                _statements.Enqueue((activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) as string ?? activity.DisplayName);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<string> Statements => _statements.ToList();

    public void Dispose() => _listener.Dispose();
}
