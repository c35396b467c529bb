using CommunityJustice.Analytics.Api.GraphQL.Options;

namespace CommunityJustice.Analytics.Api.GraphQL.Limits;

/// <summary>
/// Lets at most <see cref="GraphQLHttpOptions.MaxConcurrentExecutions"/> queries execute at once; the
/// others wait, in arrival order, until one finishes or their own execution timeout passes.
/// </summary>
public sealed class ExecutionGate(GraphQLHttpOptions options)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.MaxConcurrentExecutions));

    public Task EnterAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    public void Leave() => _slots.Release();
}
