using CommunityJustice.Analytics.Api.GraphQL.Paging;
using CommunityJustice.Analytics.Api.GraphQL.Scalars;
using CommunityJustice.Analytics.Model.Datasets;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Datasets;

public sealed class DatasetType : ObjectGraphType<Dataset>
{
    public DatasetType()
    {
        Name = "Dataset";
        Description = "A published statistical source the API loads figures from, e.g. statistics.gov.scot \"Reconvictions\".";
        Field<NonNullGraphType<StringGraphType>>("code").Description("Identifier of the dataset in this API.").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("title").Description("The dataset's title as its publisher gives it.").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("publisher").Description("Who publishes it, e.g. \"Scottish Government\".").Resolve(c => c.Source.Publisher);
        Field<NonNullGraphType<StringGraphType>>("sourceUrl").Description("The official address of the dataset, to cite and to check figures against.").Resolve(c => c.Source.SourceUrl);
        Field<NonNullGraphType<StringGraphType>>("licence").Description("The licence the figures are published under, e.g. Open Government Licence v3.0; cite the publisher when you reuse them.").Resolve(c => c.Source.Licence);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetVersionType>>>>("versions")
            .ExpectedItems(3)
            .Description("Every loaded edition of the dataset, newest edition first.")
            .Resolve(c => c.LoadVersionsOfDataset(c.Source.Code));
    }
}

public sealed class DatasetVersionType : ObjectGraphType<DatasetVersion>
{
    public DatasetVersionType()
    {
        Name = "DatasetVersion";
        Description = "One loaded edition of a dataset: the file figures came from and how its load went. Every figure names the edition it comes from.";
        Field<NonNullGraphType<DatasetType>>("dataset")
            .Description("The dataset this is an edition of.")
            .Resolve(c => c.Source.Dataset is { } dataset ? dataset : c.LoadDataset(c.Source.DatasetCode));
        Field<NonNullGraphType<DateScalarGraphType>>("editionDate").Description("The date the publisher released this edition.").Resolve(c => c.Source.EditionDate);
        Field<NonNullGraphType<StringGraphType>>("fileName").Description("Name of the file loaded.").Resolve(c => c.Source.FileName);
        Field<NonNullGraphType<StringGraphType>>("fileSha256").Description("SHA-256 of the file's bytes (lower-case hex), to prove which file the figures came from.").Resolve(c => c.Source.FileSha256);
        Field<NonNullGraphType<DateTimeScalarGraphType>>("loadedAt").Description("When the file was loaded into this API.").Resolve(c => c.Source.LoadedAt);
        Field<NonNullGraphType<LongGraphType>>("rowsRead").Description("Data rows read from the file.").Resolve(c => c.Source.RowsRead);
        Field<NonNullGraphType<LongGraphType>>("rowsLoaded").Description("Rows loaded as figures.").Resolve(c => c.Source.RowsLoaded);
        Field<NonNullGraphType<LongGraphType>>("rowsRejected").Description("Rows read but not loaded (each recorded with its line number and reason).").Resolve(c => c.Source.RowsRejected);
        Field<NonNullGraphType<BooleanGraphType>>("isLatest").Description("True for the newest loaded edition, which queries read by default.").Resolve(c => c.Source.IsLatest);
    }
}
