namespace CommunityJustice.Analytics.Api.Data;

/// <summary>
/// The version of the published figures: it changes exactly when a load (or a change to reference
/// data) commits. Cached responses and ETags are keyed by it. Kept current by
/// <see cref="DataChangeMonitor"/>, which listens for the database's change notifications.
/// </summary>
public interface IDataVersion
{
    /// <summary>The current version, or null while it is not known (then nothing is cached).</summary>
    string? Current { get; }
}
