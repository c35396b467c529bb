using CommunityJustice.Analytics.Model.CompiledModels;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CommunityJustice.Analytics.Model.Tests.Database;

/// <summary>
/// The API starts with the compiled model in src/Model/CompiledModels instead of building the model from the code
/// (faster start-up). A change to the model that is not followed by scripts/compiled-model.sh would make the API map
/// tables and columns the way the model used to: this fails first, naming what differs.
/// </summary>
public class CompiledModelTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_compiled_model_maps_every_entity_as_the_code_does()
    {
        await using var fromCode = database.CreateContext();
        await using var compiled = new AnalyticsDbContext(new DbContextOptionsBuilder<AnalyticsDbContext>()
            .UseAnalyticsDatabase(database.ConnectionString).UseModel(AnalyticsDbContextModel.Instance).Options);

        Assert.Same(AnalyticsDbContextModel.Instance, compiled.Model);
        Assert.Equal(Describe(fromCode.Model), Describe(compiled.Model));
    }

    /// <summary>Every entity's table, columns (name, store type, nullability), keys, foreign keys and indexes, one per line.</summary>
    private static string Describe(IModel model) => string.Join('\n', model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal).SelectMany(entity =>
    {
        var table = StoreObjectIdentifier.Create(entity, StoreObjectType.Table);
        return new[] { $"{entity.Name} -> {entity.GetSchemaQualifiedTableName()}" }
            .Concat(entity.GetProperties().Select(p =>
                $"  {p.Name}: {(table is { } t ? p.GetColumnName(t) : p.GetColumnName())} {p.GetColumnType()} {(p.IsNullable ? "null" : "not null")} {p.ValueGenerated}"))
            .Concat(entity.GetKeys().Select(k => $"  key {k.GetName()} ({string.Join(", ", k.Properties.Select(p => p.Name))})"))
            .Concat(entity.GetForeignKeys().Select(f =>
                $"  fk {f.GetConstraintName()} ({string.Join(", ", f.Properties.Select(p => p.Name))}) -> {f.PrincipalEntityType.Name} {f.DeleteBehavior}"))
            .Concat(entity.GetIndexes().Select(i => $"  index {i.GetDatabaseName()} ({string.Join(", ", i.Properties.Select(p => p.Name))}) unique {i.IsUnique} filter {i.GetFilter()}"))
            .OrderBy(line => line, StringComparer.Ordinal);
    }));
}
