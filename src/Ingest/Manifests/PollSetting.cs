namespace CommunityJustice.Analytics.Ingest.Manifests;

/// <summary>
/// A manifest's <c>"poll": { "every": "PT6H" }</c>: `ingest watch` polls the manifest's sourceUrl at
/// that interval. Manifests without it are polled only when named with --dataset.
/// </summary>
public sealed record PollSetting
{
    /// <summary>How often to poll: an ISO 8601 duration (<c>PT6H</c>, <c>P1D</c>) or a number with s, m, h or d (<c>30m</c>).</summary>
    public string? Every { get; init; }
}
