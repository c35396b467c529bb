using CommunityJustice.Analytics.Api.Disclosure;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.Access;

/// <summary>
/// The disclosure control a request reads figures through: the public view for anonymous callers and
/// keys without restricted:read; for a restricted:read key, the same view with its partnership's
/// areas unsuppressed (every other area stays as the public sees it).
/// </summary>
public sealed class PartnerDisclosureControl(DisclosureControl publicView, RequestAccess access) : IDisclosureControl
{
    private DisclosureView? _last;

    public DisclosureOptions Options => publicView.Options;

    public async Task<DisclosureView> GetViewAsync(CancellationToken cancellationToken)
    {
        var view = await publicView.GetViewAsync(cancellationToken);
        var areas = access.RestrictedAreas;
        if (areas.Count == 0) return view;
        return _last = await view.UnmaskedForAsync(areas, cancellationToken);
    }

    public string? SuppressionReason(Observation cell) =>
        access.RestrictedAreas.Count > 0 && _last is { } view ? view.SuppressionReason(cell) : publicView.SuppressionReason(cell);
}
