using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;

namespace CommunityJustice.Analytics.Model.Observations;

/// <summary>
/// EF's convention of one index per foreign key, except observations' area and age band: no query
/// looks observations up by either alone, and each index cost a load about 15% of its time
/// (docs/benchmarks.md, "Ingest"). Deleting an area or an age band scans observations instead.
/// </summary>
public sealed class ObservationForeignKeyIndexes(ProviderConventionSetBuilderDependencies dependencies) : ForeignKeyIndexConvention(dependencies)
{
    private static readonly string[] Unindexed = [nameof(Observation.AreaCode), nameof(Observation.AgeBandCode)];

    protected override IConventionIndex? CreateIndex(IReadOnlyList<IConventionProperty> properties, bool unique, IConventionEntityTypeBuilder entityTypeBuilder) =>
        entityTypeBuilder.Metadata.ClrType == typeof(Observation) && properties is [var only] && Unindexed.Contains(only.Name)
            ? null
            : base.CreateIndex(properties, unique, entityTypeBuilder);
}
