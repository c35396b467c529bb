using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.Disclosure;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Hosting;

/// <summary>
/// Starts, once the host has started, what the first answer would otherwise do by itself and one thing after
/// another: building the schema (GraphQL.NET builds it on first use), reading the reference data and making the
/// public view's disclosure decisions, side by side, so that the database's work overlaps the schema's. A request
/// that arrives meanwhile waits for the same computations (each is made once however many ask) rather than starting
/// them. A failure (the database away) is left to the first request, which tries again and reports it.
/// The area hierarchy (<see cref="ReferenceData.HierarchyAsync"/>), which only a few fields and filters need, is read
/// <see cref="HierarchyDelay"/> after the rest, so that it does not take the processor from the first answer.
/// Measured effect: docs/benchmarks.md, "Start-up to first answer".
/// </summary>
public sealed class StartupWarmup(ISchema schema, ReferenceDataCache reference, DisclosureControl disclosure, ILogger<StartupWarmup> logger)
    : IHostedService
{
    // Not disposed: it has no timer, and a host may be stopped again after the container disposed its singletons.
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>How long after the rest the area hierarchy is read, unless a request asks for it first.</summary>
    public static readonly TimeSpan HierarchyDelay = TimeSpan.FromSeconds(1);

    /// <summary>Completes when every part has been made or has failed (the area hierarchy not included).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var token = _stopping.Token;
        Completion = Task.WhenAll(
            Task.Run(schema.Initialize, token),
            Task.Run(async () => await reference.GetAsync(token), token),
            Task.Run(async () => await disclosure.GetViewAsync(token), token))
            .ContinueWith(t => logger.LogDebug("Start-up warm-up {Outcome}",
                    t.IsCompletedSuccessfully ? "done" : $"left to the first request ({t.Exception?.GetBaseException().Message ?? "stopped"})"),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _ = ReadHierarchyLaterAsync(token);
        return Task.CompletedTask;
    }

    private async Task ReadHierarchyLaterAsync(CancellationToken token)
    {
        try
        {
            await Completion;
            await Task.Delay(HierarchyDelay, token);
            await (await reference.GetAsync(token)).HierarchyAsync(token);
        }
        catch (Exception ex)
        {
            logger.LogDebug("Area hierarchy left to the first request that needs it ({Reason})", ex.GetBaseException().Message);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await Completion.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // the host gave up waiting; the warm-up's own work was cancelled above
        }
    }
}
