using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.Disclosure;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Observations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Observations;

/// <summary>
/// The single-cell read written by hand (FigureSource.LoadCellAsync, what genderBreakdown reads on every request) must
/// give exactly what the general read through EF Core gives for the same cell: the same rows, mapped the same way
/// (enums, decimals, markers, nulls), masked the same way.
/// </summary>
public sealed class FigureSourceTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_single_cell_read_by_hand_gives_what_the_general_read_gives()
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var view = await services.GetRequiredService<IDisclosureControl>().GetViewAsync(CancellationToken.None);
        var reference = await services.GetRequiredService<ReferenceDataCache>().GetAsync(CancellationToken.None);
        var databases = services.GetRequiredService<IDbContextFactory<AnalyticsDbContext>>();

        // Cells with a figure withheld by disclosure control, cells the publisher marked, and ordinary published ones. (No
        // bundled dataset publishes counts beside its figures, so numerator and denominator are null in every row here.)
        List<(string Indicator, string Area, string AgeBand, string Label, DateOnly Start, DateOnly End)> cells;
        await using (var db = await databases.CreateDbContextAsync())
        {
            var withheld = db.WithheldFigures.Select(w => w.ObservationId);
            var chosen = await db.Observations.Where(o => withheld.Contains(o.Id)).OrderBy(o => o.Id).Take(40)
                .Concat(db.Observations.Where(o => o.Marker != null).OrderBy(o => o.Id).Take(40))

                .Concat(db.Observations.Where(o => o.IndicatorCode == "reconviction-rate" && o.AreaCode == "S12000019").OrderBy(o => o.Id).Take(40))
                .Select(o => new { o.IndicatorCode, o.AreaCode, o.AgeBandCode, o.PeriodLabel, o.PeriodStart, o.PeriodEnd })
                .ToListAsync();
            cells = chosen.Select(c => (c.IndicatorCode, c.AreaCode, c.AgeBandCode, c.PeriodLabel, c.PeriodStart, c.PeriodEnd)).Distinct().ToList();
        }
        Assert.True(cells.Count >= 40, $"only {cells.Count} cells to compare");

        var withheldSeen = 0;
        foreach (var cell in cells)
        {
            await using var db = await databases.CreateDbContextAsync();
            db.WithPublicView(view).WithReferenceData(reference);
            var general = await FigureSource.LoadAsync(db, null, [cell.Indicator],
                o => o.IndicatorCode == cell.Indicator && o.AreaCode == cell.Area && o.AgeBandCode == cell.AgeBand
                    && (o.PeriodLabel == cell.Label || (o.PeriodStart == cell.Start && o.PeriodEnd == cell.End)), CancellationToken.None);
            var byHand = await FigureSource.LoadCellAsync(db, null, cell.Indicator, cell.Area, cell.AgeBand, cell.Label, cell.Start, cell.End, CancellationToken.None);
            Assert.Equal(general.Select(Describe).Order(), byHand.Select(Describe).Order());
            Assert.All(byHand, figure => Assert.Same(reference.Edition(figure.DatasetVersionId), figure.DatasetVersion));
            withheldSeen += byHand.Count(figure => view.SuppressionReason(figure) is { } reason && !reason.StartsWith("SOURCE", StringComparison.Ordinal));
        }
        Assert.True(withheldSeen > 0, "no figure withheld by disclosure control among the cells compared");
    }

    private static string Describe(Observation o) =>
        $"{o.Id} {o.IndicatorCode} {o.AreaCode} {o.PeriodType} {o.PeriodLabel} {o.PeriodStart:O} {o.PeriodEnd:O} {o.Sex} {o.AgeBandCode} "
        + $"{o.Value} {o.Status} {o.Numerator} {o.Denominator} {o.Marker ?? "(no marker)"} {o.DatasetVersionId} "
        + $"{o.Indicator?.Code} {o.Area?.Code} {o.AgeBand?.Code} {FigureSource.CountSource(o)?.Id}";
}
