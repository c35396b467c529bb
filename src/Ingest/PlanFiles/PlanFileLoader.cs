using System.Security.Cryptography;
using System.Text;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Plans;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Ingest.PlanFiles;

/// <summary>What a plan file load did.</summary>
/// <param name="AlreadyLoaded">The same file (by SHA-256) was already an edition of the plan: nothing was written.</param>
public sealed record PlanLoadResult(string PartnershipCode, string Period, int EditionId, DateOnly EditionDate, bool IsLatest, bool AlreadyLoaded,
    int Kpis, int Actions);

/// <summary>
/// Stores a checked plan file as a new edition of its plan, in one transaction: the file is read and
/// checked in full first (<see cref="PlanFileReader"/>), so a refused file writes nothing.
/// </summary>
public static class PlanFileLoader
{
    public static async Task<PlanLoadResult> LoadAsync(AnalyticsDbContext db, string path, bool dryRun, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var reference = await PlanReference.LoadAsync(db, cancellationToken);
        var plan = PlanFileReader.Read(path, new UTF8Encoding(false, true).GetString(bytes), reference);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var partnership = await db.Partnerships.Include(p => p.Areas).SingleOrDefaultAsync(p => p.Code == plan.PartnershipCode, cancellationToken);
        if (partnership is null)
        {
            partnership = new Partnership { Code = plan.PartnershipCode, Name = plan.PartnershipName };
            db.Partnerships.Add(partnership);
        }
        partnership.Name = plan.PartnershipName;
        partnership.Areas.RemoveAll(a => !plan.AreaCodes.Contains(a.AreaCode));
        foreach (var code in plan.AreaCodes.Where(c => partnership.Areas.All(a => a.AreaCode != c)))
            partnership.Areas.Add(new PartnershipArea { AreaCode = code });
        await db.SaveChangesAsync(cancellationToken);

        var stored = await db.Plans.SingleOrDefaultAsync(p => p.PartnershipId == partnership.Id && p.Period == plan.Period, cancellationToken);
        if (stored is null)
        {
            stored = new Plan { PartnershipId = partnership.Id, Period = plan.Period };
            db.Plans.Add(stored);
            await db.SaveChangesAsync(cancellationToken);
        }
        if (await db.PlanEditions.AsNoTracking().FirstOrDefaultAsync(v => v.PlanId == stored.Id && v.FileSha256 == sha, cancellationToken) is { } same)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new PlanLoadResult(plan.PartnershipCode, plan.Period, same.Id, same.EditionDate, same.IsLatest, true, 0, 0);
        }

        var edition = new PlanEdition
        {
            PlanId = stored.Id, EditionDate = plan.EditionDate, Note = plan.EditionNote, LoadedAt = DateTimeOffset.UtcNow,
            FileName = Path.GetFileName(path), FileSha256 = sha, Title = plan.Title, Starts = plan.Starts, Ends = plan.Ends,
            Published = plan.Published, SourceDocument = plan.SourceDocument, SourceUrl = plan.SourceUrl, SourceReference = plan.SourceReference,
        };
        db.PlanEditions.Add(edition);
        await db.SaveChangesAsync(cancellationToken);

        var kpiCount = 0;
        var actionCount = 0;
        var now = DateTimeOffset.UtcNow;
        foreach (var (item, position) in plan.Items.Select((item, i) => (item, i)))
        {
            var row = new PlanItem
            {
                PlanEditionId = edition.Id, Position = position, Heading = item.Heading, NationalAimNumber = item.Aim,
                PriorityActionNumbers = [.. item.PriorityActions], NationalOutcomeNumbers = [.. item.NationalOutcomes], LocalOutcome = item.LocalOutcome,
            };
            foreach (var (kpi, kpiPosition) in item.Kpis.Select((k, i) => (k, i)))
            {
                row.Kpis.Add(new PlanKpi
                {
                    PlanEditionId = edition.Id, Position = kpiPosition, Number = kpi.Number, Wording = kpi.Wording, Unit = kpi.Unit, Polarity = kpi.Polarity,
                    MeasuredLocally = kpi.MeasuredLocally, Note = kpi.Note, Link = kpi.Link, Baseline = kpi.Baseline, Target = kpi.Target,
                });
                foreach (var figure in kpi.Figures)
                    db.KpiFigures.Add(new KpiFigure
                    {
                        PlanId = stored.Id, KpiNumber = kpi.Number, PeriodLabel = figure.Period, Value = figure.Value, Status = figure.Status,
                        Note = figure.Note, RecordedBy = "plan file", RecordedAt = now, PlanEditionId = edition.Id,
                    });
                kpiCount++;
            }
            foreach (var (action, actionPosition) in item.Actions.Select((a, i) => (a, i)))
            {
                row.Actions.Add(new PlanAction
                {
                    PlanEditionId = edition.Id, Position = actionPosition, Number = action.Number, Wording = action.Wording, KpiNumber = action.Kpi,
                    Leads = [.. action.Leads], Due = action.Due, DueWording = action.DueWording, TargetWording = action.Target, Note = action.Note,
                });
                foreach (var status in action.Statuses)
                    db.ActionStatuses.Add(new ActionStatusEntry
                    {
                        PlanId = stored.Id, ActionNumber = action.Number, Status = status.Status, Date = status.Date, AsPublished = status.AsPublished,
                        Note = status.Note, RecordedBy = status.RecordedBy, RecordedAt = now, PlanEditionId = edition.Id,
                    });
                actionCount++;
            }
            db.PlanItems.Add(row);
        }
        await db.SaveChangesAsync(cancellationToken);

        // The latest edition is the one with the latest date (on a tie, the one loaded last), as for datasets.
        var latestId = await db.PlanEditions.Where(v => v.PlanId == stored.Id)
            .OrderByDescending(v => v.EditionDate).ThenByDescending(v => v.Id).Select(v => v.Id).FirstAsync(cancellationToken);
        await db.PlanEditions.Where(v => v.PlanId == stored.Id && v.IsLatest && v.Id != latestId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.IsLatest, false), cancellationToken);
        await db.PlanEditions.Where(v => v.Id == latestId).ExecuteUpdateAsync(s => s.SetProperty(v => v.IsLatest, true), cancellationToken);

        if (dryRun) await transaction.RollbackAsync(cancellationToken);
        else await transaction.CommitAsync(cancellationToken);
        return new PlanLoadResult(plan.PartnershipCode, plan.Period, edition.Id, edition.EditionDate, latestId == edition.Id, false, kpiCount, actionCount);
    }
}
