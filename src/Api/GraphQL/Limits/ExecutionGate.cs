using System.Collections.Concurrent;
using CommunityJustice.Analytics.Api.GraphQL.Options;

namespace CommunityJustice.Analytics.Api.GraphQL.Limits;

/// <summary>Which places a query waits for: cheap queries never wait behind expensive ones.</summary>
public enum ExecutionLane
{
    Cheap,
    Expensive,
}

/// <summary>
/// Lets at most <see cref="GraphQLHttpOptions.MaxConcurrentExecutions"/> cheap queries and
/// <see cref="AdmissionOptions.MaxConcurrentExpensiveExecutions"/> expensive ones execute at once;
/// the others wait, in arrival order within their lane, until one finishes or their own execution
/// timeout passes. A query is expensive when its text is long (<see cref="AdmissionOptions.ExpensiveQueryChars"/>)
/// or when the same text once ran into its execution timeout, so a few
/// timeout-bound queries cannot hold every place while cheap uncached ones wait (issue #11).
/// </summary>
public sealed class ExecutionGate(GraphQLHttpOptions options)
{
    private const int MaxRemembered = 10_000;

    private readonly SemaphoreSlim _cheap = new(Math.Max(1, options.MaxConcurrentExecutions));
    private readonly SemaphoreSlim _expensive = new(Math.Max(1, options.Admission.MaxConcurrentExpensiveExecutions));
    private readonly ConcurrentDictionary<string, byte> _slowTexts = new(StringComparer.Ordinal);
    private volatile bool _anySlow;

    /// <summary>
    /// The lane of a query, from the length of its text or of the whole request (variables included:
    /// a POST body's Content-Length, a GET's query string) and whether the same text was slow before.
    /// </summary>
    public ExecutionLane Classify(string query, long requestLength) =>
        Math.Max(query.Length, requestLength) > options.Admission.ExpensiveQueryChars || (_anySlow && _slowTexts.ContainsKey(query))
            ? ExecutionLane.Expensive
            : ExecutionLane.Cheap;

    public Task EnterAsync(ExecutionLane lane, CancellationToken cancellationToken) => Slots(lane).WaitAsync(cancellationToken);

    public void Leave(ExecutionLane lane) => Slots(lane).Release();

    /// <summary>
    /// Remembers a query text that ran into its execution timeout: it goes to the expensive lane from
    /// now on. (Not merely a slow one: the first answers after a start or a load also wait for the
    /// reference data and disclosure decisions to be computed, which says nothing about the query.)
    /// </summary>
    public void TimedOut(string query)
    {
        if (_slowTexts.Count >= MaxRemembered) _slowTexts.Clear();
        _slowTexts.TryAdd(query, 0);
        _anySlow = true;
    }

    private SemaphoreSlim Slots(ExecutionLane lane) => lane == ExecutionLane.Expensive ? _expensive : _cheap;
}
