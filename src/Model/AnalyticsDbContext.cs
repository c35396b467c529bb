using CommunityJustice.Analytics.Model.Access;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Datasets;
using CommunityJustice.Analytics.Model.Disclosure;
using CommunityJustice.Analytics.Model.Framework;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Plans;
using CommunityJustice.Analytics.Model.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityJustice.Analytics.Model;

/// <summary>
/// The shared model of the Ingest worker and the Api. Reference data (areas, age bands, the
/// framework, the indicator catalogue) is seeded through migrations so that every change to it
/// shows in review as a migration.
/// </summary>
public sealed class AnalyticsDbContext(DbContextOptions<AnalyticsDbContext> options) : DbContext(options)
{
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<AreaAlias> AreaAliases => Set<AreaAlias>();
    public DbSet<AreaCodeSuccession> AreaCodeSuccessions => Set<AreaCodeSuccession>();
    public DbSet<AreaLink> AreaLinks => Set<AreaLink>();
    public DbSet<AgeBand> AgeBands => Set<AgeBand>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<NationalAim> NationalAims => Set<NationalAim>();
    public DbSet<PriorityAction> PriorityActions => Set<PriorityAction>();
    public DbSet<NationalOutcome> NationalOutcomes => Set<NationalOutcome>();
    public DbSet<NationalIndicator> NationalIndicators => Set<NationalIndicator>();
    public DbSet<Dataset> Datasets => Set<Dataset>();
    public DbSet<DatasetVersion> DatasetVersions => Set<DatasetVersion>();
    public DbSet<IngestReject> IngestRejects => Set<IngestReject>();
    public DbSet<EditionIndicatorExtent> EditionIndicatorExtents => Set<EditionIndicatorExtent>();
    public DbSet<Observation> Observations => Set<Observation>();
    public DbSet<WithheldFigure> WithheldFigures => Set<WithheldFigure>();
    public DbSet<DisclosureRuleRecord> DisclosureRule => Set<DisclosureRuleRecord>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<PersistedOperation> PersistedOperations => Set<PersistedOperation>();
    public DbSet<Partnership> Partnerships => Set<Partnership>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanEdition> PlanEditions => Set<PlanEdition>();
    public DbSet<PlanItem> PlanItems => Set<PlanItem>();
    public DbSet<PlanKpi> PlanKpis => Set<PlanKpi>();
    public DbSet<PlanAction> PlanActions => Set<PlanAction>();
    public DbSet<ActionStatusEntry> ActionStatuses => Set<ActionStatusEntry>();
    public DbSet<KpiFigure> KpiFigures => Set<KpiFigure>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) =>
        configuration.Conventions.Replace<ForeignKeyIndexConvention>(services =>
            new ObservationForeignKeyIndexes(services.GetRequiredService<ProviderConventionSetBuilderDependencies>()));

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Area>(e =>
        {
            e.HasKey(a => a.Code);
            e.Property(a => a.Code).HasMaxLength(9);
            e.Property(a => a.Level).HasConversion<string>().HasMaxLength(40);
            e.HasIndex(a => a.Level);
            e.HasOne<Area>().WithMany().HasForeignKey(a => a.ParentCode);
            e.HasOne<DatasetVersion>().WithMany().HasForeignKey(a => a.DefinedByVersionId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(a => a.Aliases).WithOne().HasForeignKey(a => a.AreaCode);
            e.HasData(ReferenceAreas.All.Select(a => new Area { Code = a.Code, Name = a.Name, Level = a.Level, ParentCode = a.ParentCode, ValidFrom = a.ValidFrom }));
        });
        model.Entity<AreaAlias>(e =>
        {
            e.HasKey(a => a.NormalisedName);
            e.HasData(ReferenceAreas.AliasRows());
        });
        model.Entity<AreaLink>(e =>
        {
            e.ToTable("area_hierarchy");
            e.HasKey(l => new { l.DatasetVersionId, l.AreaCode, l.AncestorCode });
            e.HasIndex(l => new { l.AncestorCode, l.DatasetVersionId });
            e.HasOne<DatasetVersion>().WithMany().HasForeignKey(l => l.DatasetVersionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Area>().WithMany().HasForeignKey(l => l.AreaCode);
            e.HasOne<Area>().WithMany().HasForeignKey(l => l.AncestorCode);
        });
        model.Entity<AreaCodeSuccession>(e =>
        {
            e.HasKey(s => s.OldCode);
            e.HasOne<Area>().WithMany().HasForeignKey(s => s.NewCode);
            e.HasData(ReferenceAreas.Successions);
        });
        // Age bands and indicators are synced from Reference/Catalogue by ReferenceCatalogue.SyncAsync.
        model.Entity<AgeBand>(e => e.HasKey(a => a.Code));

        model.Entity<NationalAim>(e =>
        {
            e.HasKey(a => a.Number);
            e.Property(a => a.Number).ValueGeneratedNever();
            e.HasMany(a => a.PriorityActions).WithOne(p => p.NationalAim).HasForeignKey(p => p.NationalAimNumber);
            e.HasData(ReferenceFramework.Aims);
        });
        model.Entity<PriorityAction>(e =>
        {
            e.HasKey(p => p.Number);
            e.Property(p => p.Number).ValueGeneratedNever();
            e.HasMany(p => p.Outcomes).WithOne(o => o.PriorityAction).HasForeignKey(o => o.PriorityActionNumber);
            e.HasData(ReferenceFramework.PriorityActions);
        });
        model.Entity<NationalOutcome>(e =>
        {
            e.HasKey(o => o.Number);
            e.Property(o => o.Number).ValueGeneratedNever();
            e.HasMany(o => o.Indicators).WithOne(i => i.NationalOutcome).HasForeignKey(i => i.NationalOutcomeNumber);
            e.HasData(ReferenceFramework.Outcomes);
        });
        model.Entity<NationalIndicator>(e =>
        {
            e.HasKey(i => i.Code);
            e.HasData(ReferenceFramework.Indicators);
        });

        model.Entity<Indicator>(e =>
        {
            e.HasKey(i => i.Code);
            e.Property(i => i.MeasureType).HasConversion<string>().HasMaxLength(20);
            e.Property(i => i.Polarity).HasConversion<string>().HasMaxLength(20);
            e.HasOne(i => i.NationalIndicator).WithMany().HasForeignKey(i => i.NationalIndicatorCode);
            e.HasOne(i => i.NationalAim).WithMany().HasForeignKey(i => i.NationalAimNumber);
        });

        model.Entity<Dataset>(e =>
        {
            e.HasKey(d => d.Code);
            e.HasMany(d => d.Versions).WithOne(v => v.Dataset).HasForeignKey(v => v.DatasetCode);
        });
        model.Entity<DatasetVersion>(e =>
        {
            e.HasIndex(v => new { v.DatasetCode, v.FileSha256 }).IsUnique();
            // At most one latest edition per dataset, enforced by the database.
            e.HasIndex(v => v.DatasetCode).IsUnique().HasFilter("is_latest").HasDatabaseName("ix_dataset_versions_one_latest");
            e.HasMany(v => v.Rejects).WithOne().HasForeignKey(r => r.DatasetVersionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<IngestReject>();
        model.Entity<EditionIndicatorExtent>(e =>
        {
            e.HasKey(x => new { x.DatasetVersionId, x.IndicatorCode });
            e.HasOne<DatasetVersion>().WithMany().HasForeignKey(x => x.DatasetVersionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorCode);
        });

        model.Entity<Observation>(e =>
        {
            e.Property(o => o.Sex).HasConversion<string>().HasMaxLength(10);
            e.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(o => o.PeriodType).HasConversion<string>().HasMaxLength(20);
            e.Property(o => o.Value).HasPrecision(18, 6);
            e.Property(o => o.Numerator).HasPrecision(18, 6);
            e.Property(o => o.Denominator).HasPrecision(18, 6);
            e.HasOne(o => o.Indicator).WithMany().HasForeignKey(o => o.IndicatorCode);
            e.HasOne(o => o.Area).WithMany().HasForeignKey(o => o.AreaCode);
            e.HasOne(o => o.AgeBand).WithMany().HasForeignKey(o => o.AgeBandCode);
            e.HasOne(o => o.DatasetVersion).WithMany().HasForeignKey(o => o.DatasetVersionId).OnDelete(DeleteBehavior.Cascade);
            // The table is partitioned by edition (one partition per dataset version, docs/architecture.md "Storage
            // of observations"), so every key and unique index includes dataset_version_id. The migration
            // ObservationsPartitionedByEdition creates the partitioned table; the model only records its keys and indexes.
            e.HasKey(o => new { o.DatasetVersionId, o.Id }).HasName("pk_observations");
            // Each session takes ids 1,000 at a time: one sequence access per 1,000 rows a load copies instead of one per row.
            e.Property(o => o.Id).UseIdentityByDefaultColumn().HasIdentityOptions(numbersToCache: 1000);
            // One figure per cell of a dataset edition; led by indicator and area so that it also serves every look-up
            // of the API (indicator, area, period), and the foreign keys to indicators need no index of their own.
            e.HasIndex(o => new { o.IndicatorCode, o.AreaCode, o.PeriodStart, o.PeriodEnd, o.Sex, o.AgeBandCode, o.DatasetVersionId })
                .IsUnique().HasDatabaseName("ux_observations_cell");
            e.ToTable(t => t.HasCheckConstraint("ck_observations_value_only_when_published",
                "(status = 'Published') = (value IS NOT NULL)"));
        });

        // Disclosure decisions, taken where an edition is loaded (Disclosure/DisclosureDecisions); few rows: only withheld figures.
        model.Entity<WithheldFigure>(e =>
        {
            e.HasKey(w => w.ObservationId);
            e.Property(w => w.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Observation>().WithOne().HasForeignKey<WithheldFigure>(w => new { w.DatasetVersionId, w.ObservationId })
                .HasPrincipalKey<Observation>(o => new { o.DatasetVersionId, o.Id }).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<DisclosureRuleRecord>(e =>
        {
            e.ToTable("disclosure_rule", t => t.HasCheckConstraint("ck_disclosure_rule_single_row", $"id = {DisclosureRuleRecord.SingleRowId}"));
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.CatalogueSha256).HasMaxLength(64);
        });

        // Partner access (docs/operations.md, "API keys").
        model.Entity<ApiKey>(e =>
        {
            e.Property(k => k.KeyId).HasMaxLength(12);
            e.HasIndex(k => k.KeyId).IsUnique();
            e.Property(k => k.SecretHash).HasMaxLength(32);
            e.HasOne<Area>().WithMany().HasForeignKey(k => k.PartnershipCode);
        });
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            e.HasOne<ApiKey>().WithMany().HasForeignKey(a => a.ApiKeyId).OnDelete(DeleteBehavior.Restrict); // keys are revoked, never deleted: the log keeps its rows
            e.HasIndex(a => a.At);
        });
        model.Entity<PersistedOperation>(e => e.Property(p => p.Id).HasMaxLength(71));

        ConfigurePlans(model);
    }

    // CJOIP plans (docs/plans.md): loaded from plan files as editions; statuses and local figures kept as history.
    private static void ConfigurePlans(ModelBuilder model)
    {
        model.Entity<Partnership>(e =>
        {
            e.HasIndex(p => p.Code).IsUnique();
            e.HasMany(p => p.Areas).WithOne().HasForeignKey(a => a.PartnershipId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Plans).WithOne(p => p.Partnership).HasForeignKey(p => p.PartnershipId);
        });
        model.Entity<PartnershipArea>(e =>
        {
            e.ToTable("partnership_areas");
            e.HasKey(a => new { a.PartnershipId, a.AreaCode });
            e.HasOne<Area>().WithMany().HasForeignKey(a => a.AreaCode);
        });
        model.Entity<Plan>(e =>
        {
            e.HasIndex(p => new { p.PartnershipId, p.Period }).IsUnique();
            e.HasMany(p => p.Editions).WithOne(v => v.Plan).HasForeignKey(v => v.PlanId);
        });
        model.Entity<PlanEdition>(e =>
        {
            e.HasIndex(v => new { v.PlanId, v.FileSha256 }).IsUnique();
            e.HasIndex(v => v.PlanId).IsUnique().HasFilter("is_latest").HasDatabaseName("ix_plan_editions_one_latest");
            e.HasMany(v => v.Items).WithOne().HasForeignKey(i => i.PlanEditionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<PlanItem>(e =>
        {
            e.HasOne<NationalAim>().WithMany().HasForeignKey(i => i.NationalAimNumber);
            e.HasMany(i => i.Kpis).WithOne().HasForeignKey(k => k.PlanItemId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(i => i.Actions).WithOne().HasForeignKey(a => a.PlanItemId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<PlanKpi>(e =>
        {
            e.HasIndex(k => new { k.PlanEditionId, k.Number }).IsUnique();
            e.HasOne<PlanEdition>().WithMany().HasForeignKey(k => k.PlanEditionId).OnDelete(DeleteBehavior.NoAction);
            e.Property(k => k.Polarity).HasConversion<string>().HasMaxLength(20);
            e.OwnsOne(k => k.Link, l =>
            {
                l.Property(x => x.Sex).HasConversion<string>().HasMaxLength(10);
                l.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorCode);
                l.HasOne<Area>().WithMany().HasForeignKey(x => x.AreaCode);
                l.HasOne<AgeBand>().WithMany().HasForeignKey(x => x.AgeBandCode);
            });
            e.OwnsOne(k => k.Baseline, b =>
            {
                b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
                b.Property(x => x.Value).HasPrecision(18, 6);
            });
            e.OwnsOne(k => k.Target, t =>
            {
                t.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
                t.Property(x => x.Comparison).HasConversion<string>().HasMaxLength(20);
                t.Property(x => x.DifferenceUnit).HasConversion<string>().HasMaxLength(20);
                t.Property(x => x.Direction).HasConversion<string>().HasMaxLength(20);
                t.Property(x => x.Value).HasPrecision(18, 6);
                t.Property(x => x.Difference).HasPrecision(18, 6);
            });
        });
        model.Entity<PlanAction>(e =>
        {
            e.HasIndex(a => new { a.PlanEditionId, a.Number }).IsUnique();
            e.HasOne<PlanEdition>().WithMany().HasForeignKey(a => a.PlanEditionId).OnDelete(DeleteBehavior.NoAction);
        });
        model.Entity<ActionStatusEntry>(e =>
        {
            e.ToTable("action_statuses");
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Plan>().WithMany().HasForeignKey(s => s.PlanId);
            e.HasOne<PlanEdition>().WithMany().HasForeignKey(s => s.PlanEditionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ApiKey>().WithMany().HasForeignKey(s => s.ApiKeyId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(s => new { s.PlanId, s.ActionNumber, s.Date });
        });
        model.Entity<KpiFigure>(e =>
        {
            e.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(f => f.Value).HasPrecision(18, 6);
            e.HasOne<Plan>().WithMany().HasForeignKey(f => f.PlanId);
            e.HasOne<PlanEdition>().WithMany().HasForeignKey(f => f.PlanEditionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ApiKey>().WithMany().HasForeignKey(f => f.ApiKeyId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(f => new { f.PlanId, f.KpiNumber, f.PeriodLabel });
            e.ToTable(t => t.HasCheckConstraint("ck_kpi_figures_value_only_when_published", "(status = 'Published') = (value IS NOT NULL)"));
        });
    }
}
