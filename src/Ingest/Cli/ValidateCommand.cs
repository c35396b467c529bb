using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Formats;
using CommunityJustice.Analytics.Ingest.Formats.Geography;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.Sources;
using Spectre.Console;

namespace CommunityJustice.Analytics.Ingest.Cli;

/// <summary>
/// `ingest validate`: checks a manifest against its file with no database and nothing written — the manifest's fields,
/// the file's encoding and checksum, what each column maps to, the first rows as they would load, and every row read
/// with its rejects grouped. Areas, age bands and indicators are checked against the model's reference data and the
/// manifest's own <c>indicators</c>.
/// </summary>
internal static class ValidateCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault };

    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file") { Description = "The file to check (default: the manifest's mirror copy)", Arity = ArgumentArity.ZeroOrOne };
        var dataset = new Option<string>("--dataset") { Description = "Code of the manifest to check", Required = true };
        var manifests = CommonOptions.Manifests();
        var mirror = CommonOptions.Mirror();
        var rows = new Option<int>("--rows") { Description = "How many rows to show as they would load", DefaultValueFactory = _ => 10 };
        var command = new Command("validate", "Check a manifest against its file and show what each column maps to and the first rows as they would load (no database; nothing written)")
        {
            file, dataset, manifests, mirror, rows,
        };

        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var catalogue = ManifestCatalog.Load(parse.GetValue(manifests));
            var manifest = ManifestCatalog.Find(catalogue, parse.GetRequiredValue(dataset));
            var format = SourceFormats.Find(manifest.Format)!;
            var path = parse.GetValue(file)?.FullName ?? FileOf(manifest, format, parse.GetValue(mirror));

            AnsiConsole.MarkupLineInterpolated($"[bold]{manifest.Code}[/]: {manifest.Title}");
            AnsiConsole.MarkupLineInterpolated($"manifest {manifest.SourceFile}: valid; format {manifest.Format}; edition {manifest.EditionDate:yyyy-MM-dd}");
            foreach (var indicator in manifest.Indicators)
                AnsiConsole.MarkupLineInterpolated($"adds indicator {indicator.Code}: {indicator.Title} ({indicator.Unit}; {indicator.MeasureType}, {indicator.Polarity})");

            var inspected = await format.InspectAsync(path, manifest, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"file {path}: {inspected.Length:N0} bytes, {format.DescribeEncoding(inspected)}, sha256 {inspected.Sha256}");
            AnsiConsole.MarkupLine(inspected.Sha256 == manifest.Sha256
                ? "[green]the file is the edition the manifest describes (sha256 matches)[/]"
                : "[yellow]the file is not the edition the manifest describes (sha256 differs): `ingest load` needs --edition yyyy-mm-dd for it[/]");

            var mapping = new Table().Border(TableBorder.Rounded).Title("What the file's columns map to").AddColumn("Column or part").AddColumn("Becomes");
            foreach (var (from, to) in Mapping(manifest)) mapping.AddRow(Markup.Escape(from), Markup.Escape(to));
            AnsiConsole.Write(mapping);

            var reference = ReferenceLookup.FromModel(manifest.Indicators.Select(i => i.Code),
                format is GeographyLookupFormat ? [] : await GeographyAreasAsync(catalogue, parse.GetValue(mirror), cancellationToken));
            if (format is GeographyLookupFormat) return await ValidateGeographyAsync(manifest, path, inspected, reference, cancellationToken);
            await using var reader = await format.OpenAsync(inspected, manifest, reference, cancellationToken);
            var shown = parse.GetValue(rows);
            var first = new Table().Border(TableBorder.Rounded).Title($"The first {shown} rows as they would load")
                .AddColumn(new TableColumn("Line").RightAligned()).AddColumn("Indicator").AddColumn("Area").AddColumn("Period").AddColumn("Sex")
                .AddColumn("Age band").AddColumn(new TableColumn("Value").RightAligned()).AddColumn("Status (marker)");
            var groups = new RejectGroups();
            long read = 0, rejected = 0;
            await foreach (var row in reader.ReadAsync(cancellationToken))
            {
                read++;
                if (row.RejectReason is not null)
                {
                    rejected++;
                    groups.Add(row.Line, row.RejectReason);
                }
                if (read > shown) continue;
                if (row.RejectReason is not null)
                    first.AddRow($"{row.Line:N0}", "[red]rejected[/]", Markup.Escape(row.RejectReason), "", "", "", "", "");
                else
                    first.AddRow($"{row.Line:N0}", Markup.Escape(row.IndicatorCode ?? ""), Markup.Escape(row.AreaCode ?? ""), Markup.Escape(row.Period.Label),
                        $"{row.Sex}", Markup.Escape(row.AgeBandCode ?? ""), row.Value?.ToString(CultureInfo.InvariantCulture) ?? "",
                        Markup.Escape(row.Marker is null ? $"{row.Status}" : $"{row.Status} ({row.Marker})"));
            }
            AnsiConsole.Write(first);
            if (reader is IReportsSkippedRows { Skipped.Count: > 0 } skipping)
                foreach (var (reason, count) in skipping.Skipped) AnsiConsole.MarkupLineInterpolated($"would skip {count:N0} source rows: {reason}");
            AnsiConsole.MarkupLineInterpolated($"read {read:N0} rows: {read - rejected:N0} would load, {rejected:N0} would be rejected (cells given twice are found only by a load, against the database)");
            if (rejected > 0)
                Output.Rejects(new LoadResult
                {
                    DatasetCode = manifest.Code, Outcome = LoadOutcome.DryRun, FilePath = path, Sha256 = inspected.Sha256,
                    RowsRead = read, RowsRejected = rejected, RejectGroups = groups.ToList(),
                });
            return rejected == 0 && read > 0 ? 0 : CliAction.Failed;
        });
        return command;
    }

    /// <summary>A geography lookup defines areas: how many of each level it would add, how many links, and its rejects.</summary>
    private static async Task<int> ValidateGeographyAsync(DatasetManifest manifest, string path, InspectedFile inspected, ReferenceLookup reference, CancellationToken cancellationToken)
    {
        var lookup = await GeographyLookupFormat.ReadAsync(inspected, manifest, reference, cancellationToken);
        var levels = new Table().Border(TableBorder.Rounded).Title("Areas the lookup defines").AddColumn("Level").AddColumn(new TableColumn("Areas").RightAligned()).AddColumn("For example");
        foreach (var level in lookup.Areas.GroupBy(a => a.Level))
            levels.AddRow($"{level.Key}", $"{level.Count():N0}", Markup.Escape($"{level.First().Code} {level.First().Name}" + (level.First().ParentCode is { } parent ? $", in {parent}" : "")));
        AnsiConsole.Write(levels);
        AnsiConsole.MarkupLineInterpolated($"read {lookup.RowsRead:N0} rows: {lookup.RowsRead - lookup.Rejects.Count:N0} would load, {lookup.Rejects.Count:N0} would be rejected; {lookup.Links.Count:N0} (area, containing area) pairs");
        if (lookup.Rejects.Count > 0)
        {
            var groups = new RejectGroups();
            foreach (var (line, reason) in lookup.Rejects) groups.Add(line, reason);
            Output.Rejects(new LoadResult
            {
                DatasetCode = manifest.Code, Outcome = LoadOutcome.DryRun, FilePath = path, Sha256 = inspected.Sha256,
                RowsRead = lookup.RowsRead, RowsRejected = lookup.Rejects.Count, RejectGroups = groups.ToList(),
            });
        }
        return lookup.Rejects.Count == 0 && lookup.RowsRead > 0 ? 0 : CliAction.Failed;
    }

    /// <summary>The areas the catalogue's geography lookups define (from their mirror copies), so a data-zone file validates with no database.</summary>
    private static async Task<List<string>> GeographyAreasAsync(IReadOnlyList<DatasetManifest> catalogue, string? mirrorOption, CancellationToken cancellationToken)
    {
        var codes = new List<string>();
        var mirror = MirrorFolder.Resolve(mirrorOption);
        foreach (var lookup in catalogue.Where(m => m.Format == GeographyLookupFormat.FormatName))
        {
            var path = mirror is null ? null : Path.Combine(mirror, lookup.MirrorPath);
            if (path is null || !File.Exists(path)) continue;
            var format = SourceFormats.Find(lookup.Format)!;
            var read = await GeographyLookupFormat.ReadAsync(await format.InspectAsync(path, lookup, cancellationToken), lookup, ReferenceLookup.FromModel([]), cancellationToken);
            codes.AddRange(read.Areas.Select(a => a.Code));
            AnsiConsole.MarkupLineInterpolated($"areas of geography lookup {lookup.Code} ({read.Areas.Count:N0}) are known for this check");
        }
        return codes;
    }

    private static string FileOf(DatasetManifest manifest, ISourceFormat format, string? mirrorOption)
    {
        if (format.WriteFile(manifest, Directory.CreateTempSubdirectory("cja-validate-").FullName) is { } written) return written;
        var mirror = MirrorFolder.Resolve(mirrorOption);
        var path = mirror is null ? null : Path.Combine(mirror, manifest.MirrorPath);
        return path is not null && File.Exists(path)
            ? path
            : throw new IngestException($"No local copy of {manifest.MirrorPath} for '{manifest.Code}' (mirror: {mirror ?? "none"}); give the file to check: ingest validate FILE --dataset {manifest.Code}.");
    }

    /// <summary>What each column (or fixed part) of the manifest's file becomes.</summary>
    private static IEnumerable<(string From, string To)> Mapping(DatasetManifest m)
    {
        if (m.Format == ManifestCatalog.TidyCsvFormat)
        {
            yield return ("FeatureCode (or GeographyCode)", "area (GSS code; retired codes resolve to their successor)");
            yield return ("DateCode", "period");
            foreach (var i in m.Mapping.Indicators) yield return ($"Measurement '{i.Measurement}' + Units '{i.Units}'", $"indicator {i.Indicator}");
            yield return ("Value", "value");
            yield return ("DataMarker (optional)", $"status, by marker: {Markers(m)}");
        }
        foreach (var level in m.Geography?.Levels ?? [])
            yield return (level.CodeColumn + (level.NameColumn is null ? "" : $" + {level.NameColumn}"),
                $"area of level {level.Level}{(level.CodePrefix is null ? "" : $" (code '{level.CodePrefix}' + value)")}{(level.RowsOnly ? ", a classification: only the row's own area lies in it" : "")}");
        if (m.Layout is { } l)
        {
            if (l.Sheet is not null) yield return ($"worksheet '{l.Sheet}'", "the table read");
            if (l.AreaColumn is not null) yield return (l.AreaColumn, "area (code, geography URI or name)" +
                (l.KeepAreas is { } keep ? $"; only GSS codes starting {string.Join(", ", keep.Codes)}, other levels skipped ({keep.Reason})" : ""));
            if (l.PeriodColumn is not null) yield return (l.PeriodColumn, "period");
            if (l.Period is not null) yield return ("(every row)", $"period {JsonSerializer.Serialize(l.Period, Json)}");
            if (l.IndicatorColumn is not null) yield return (l.IndicatorColumn, "indicator, by value: " + string.Join("; ", l.IndicatorCodes.Select(c => $"'{c.Key}' → {c.Value}")));
            else if (l.IndicatorCodes.Count > 0) yield return ("(measure metadata)", "indicator, by value: " + string.Join("; ", l.IndicatorCodes.Select(c => $"'{c.Key}' → {c.Value}")));
            if (l.Indicator is not null) yield return ("(every row)", $"indicator {l.Indicator}");
            if (l.ValueColumn is not null) yield return (l.ValueColumn, "value");
            foreach (var measure in l.Measures)
                yield return (measure.Column, $"value of indicator {measure.Indicator ?? l.Indicator}{(measure.AgeBand is null ? "" : $", age band {measure.AgeBand}")}{(measure.Percent ? ", written with a percent sign" : "")}");
            if (l.HeaderRow is not null) yield return ($"line {l.HeaderRow}", "the header (lines before it are titles and notes)");
            if (l.BlankValue is not null) yield return ("(a blank value cell)", $"status {l.BlankValue}, no marker");
            if (l.MarkerColumn is not null) yield return (l.MarkerColumn, $"status, by marker: {Markers(m)}");
            if (l.Sex is not null) yield return ("(every row)", $"sex {l.Sex}");
            if (l.AgeBand is not null) yield return ("(every row)", $"age band {l.AgeBand}");
            foreach (var (name, value) in l.RequiredMetadata) yield return ($"metadata line '{name}'", $"must read '{value}'");
            foreach (var ignored in l.IgnoredColumns) yield return (ignored, "ignored");
            if (l.Partnership is not null) yield return ("(every row)", $"partnership {l.Partnership}");
        }
        foreach (var d in m.Mapping.Dimensions)
            yield return (d.Column, $"{(d.Target == DimensionTarget.Sex ? "sex" : "age band")}: " + string.Join("; ", d.Codes.Select(c => $"'{c.Key}' → {c.Value}")));
        foreach (var table in m.Tables) yield return ($"table on worksheet '{table.Sheet}'", JsonSerializer.Serialize(table, Json));
        if (m.Transcribed is { } transcribed) yield return ("(transcribed figures)", $"{transcribed.GetType().Name}: typed from published text, each with its citation");
    }

    private static string Markers(DatasetManifest m) =>
        string.Join("; ", MarkerDefaults.All.Concat(m.Mapping.Markers).GroupBy(p => p.Key).Select(g => $"'{g.Key}' → {g.Last().Value}"));
}
