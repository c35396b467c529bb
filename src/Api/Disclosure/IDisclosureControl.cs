using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.Disclosure;

/// <summary>
/// Disclosure control for the public view: the one place every query path reads figures through.
/// <list type="bullet">
/// <item>Queries that filter, sort, page or count figures start from <see cref="DisclosureView.Observations"/>
/// instead of <c>db.Observations</c>: withheld cells arrive already masked, so conditions and orderings
/// on the value see the masked value (null) and cannot reveal it.</item>
/// <item>Code that has already loaded figures some other way passes them through <see cref="ApplyAsync"/>.</item>
/// </list>
/// Decisions are taken for whole tables (every area, sex and age band of an indicator, period and
/// dataset edition) from the database, whatever part of the table a query asked for; they are
/// recomputed when the set of loaded dataset editions changes.
/// </summary>
public interface IDisclosureControl
{
    DisclosureOptions Options { get; }

    /// <summary>The public view of the figures loaded now. Await once per resolver; the view itself is immutable.</summary>
    Task<DisclosureView> GetViewAsync(CancellationToken cancellationToken);

    /// <summary>Masks already loaded figures (any subset of the data; decisions consider the whole table).</summary>
    async Task<IReadOnlyList<Observation>> ApplyAsync(IReadOnlyList<Observation> cells, CancellationToken cancellationToken) =>
        (await GetViewAsync(cancellationToken)).Apply(cells);

    /// <summary>Why a figure has no value: "PRIMARY: ...", "SECONDARY: ...", "SOURCE: ..."; null when it is published.</summary>
    string? SuppressionReason(Observation cell);
}
