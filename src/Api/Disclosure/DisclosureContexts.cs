using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.Disclosure;

public static class DisclosureResolverExtensions
{
    /// <summary>The public view's disclosure control, for resolvers: <c>var view = await c.Disclosure().GetViewAsync(ct)</c>.</summary>
    public static IDisclosureControl Disclosure(this global::GraphQL.IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<IDisclosureControl>();
}

/// <summary>
/// The public view a database context reads through. Resolvers get contexts with their view attached
/// (<c>IResolveFieldContext.QueryAsync</c> attaches it), so shared query code can read
/// <c>db.PublicObservations()</c> instead of <c>db.Observations</c> without awaiting anything.
/// A context without a view refuses to serve figures.
/// </summary>
public static class DisclosureContexts
{
    public static AnalyticsDbContext WithPublicView(this AnalyticsDbContext db, DisclosureView view) => ContextAttachment<DisclosureView>.Attach(db, view);

    public static DisclosureView PublicView(this AnalyticsDbContext db) => ContextAttachment<DisclosureView>.Get(db,
        "This database context has no public view attached: read figures through IResolveFieldContext.QueryAsync or IDisclosureControl.");

    /// <summary>The public figures (masked by disclosure control): use instead of <c>db.Observations</c>.</summary>
    public static IQueryable<Observation> PublicObservations(this AnalyticsDbContext db) => db.PublicView().Observations(db);
}
