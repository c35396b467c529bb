using CommunityJustice.Analytics.Model.Access;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Datasets;
using CommunityJustice.Analytics.Model.Framework;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Reference;
using Microsoft.EntityFrameworkCore;

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
    public DbSet<Observation> Observations => Set<Observation>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<PersistedOperation> PersistedOperations => Set<PersistedOperation>();

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
            e.HasData(ReferenceAreas.All.Select(a => new Area { Code = a.Code, Name = a.Name, Level = a.Level, ParentCode = a.ParentCode }));
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
            // One figure per cell of a dataset edition; also the merge's conflict target.
            e.HasIndex(o => new { o.DatasetVersionId, o.IndicatorCode, o.AreaCode, o.PeriodStart, o.PeriodEnd, o.Sex, o.AgeBandCode })
                .IsUnique().HasDatabaseName("ux_observations_cell");
            e.HasIndex(o => new { o.IndicatorCode, o.AreaCode, o.PeriodStart });
            e.ToTable(t => t.HasCheckConstraint("ck_observations_value_only_when_published",
                "(status = 'Published') = (value IS NOT NULL)"));
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
    }
}
