using CommunityJustice.Analytics.Ingest.Manifests;

namespace CommunityJustice.Analytics.Ingest.Formats.SgExcel;

/// <summary>Checks of an <c>sg-excel-table</c> manifest that need no workbook or database (those come when the file is opened).</summary>
public static class ExcelManifestRules
{
    public const string Format = "sg-excel-table";

    public static IEnumerable<string> Validate(DatasetManifest m)
    {
        if (m.Tables.Count == 0) yield return "tables must list at least one worksheet table";
        for (var i = 0; i < m.Tables.Count; i++)
        {
            var t = m.Tables[i];
            var at = $"tables[{i}] ('{t.Sheet}')";
            if (string.IsNullOrWhiteSpace(t.Sheet)) yield return $"{at}: sheet is required";
            if ((t.HeaderRow is null) == string.IsNullOrWhiteSpace(t.HeaderStartsWith)) yield return $"{at}: give exactly one of headerRow and headerStartsWith";
            if (t.Area is null) yield return $"{at}: area is required (a column, or a fixed value such as S92000003)";
            if (t.Period is null) yield return $"{at}: period is required (a column, wide year columns, or a fixed value)";
            var wide = t.Period is { Wide: true };
            if (wide && string.IsNullOrWhiteSpace(t.Indicator)) yield return $"{at}: a table with wide period columns needs indicator";
            if (wide && t.Measures.Count > 0) yield return $"{at}: a table with wide period columns takes indicator, not measures";
            if (!wide && t.Measures.Count == 0) yield return $"{at}: measures must list at least one column and its indicator";
            foreach (var (role, d) in new[] { ("area", t.Area), ("period", t.Period), ("sex", t.Sex), ("ageBand", t.AgeBand) }.Concat(t.Keys.Select(k => ($"key '{k.Name}'", (ExcelDimension?)k))))
            {
                if (d is null) continue;
                var sources = (d.Column is null ? 0 : 1) + (d.Section ? 1 : 0) + (d.Value is null ? 0 : 1) + (d.Wide ? 1 : 0);
                if (sources != 1) yield return $"{at}: {role} must take exactly one of column, section, value{(role == "period" ? ", wide" : "")}";
                if (d.Wide && role != "period") yield return $"{at}: only the period can be wide";
                foreach (var form in d.Forms.Where(f => !ExcelPeriod.KnownForms.Contains(f)))
                    yield return $"{at}: {role} form '{form}' is not one of {string.Join(", ", ExcelPeriod.KnownForms)}";
            }
            foreach (var key in t.Keys.Where(k => string.IsNullOrWhiteSpace(k.Name))) yield return $"{at}: every key needs a name";
            foreach (var name in t.Keys.GroupBy(k => k.Name).Where(g => g.Count() > 1)) yield return $"{at}: key '{name.Key}' appears twice";
            var templates = t.Measures.Select(m => m.Indicator).Append(t.Indicator).OfType<string>();
            foreach (var template in templates)
            {
                foreach (var placeholder in System.Text.RegularExpressions.Regex.Matches(template, @"\{([^}]*)\}").Select(x => x.Groups[1].Value))
                {
                    if (!t.Keys.Any(k => k.Name == placeholder)) yield return $"{at}: indicator '{template}' uses {{{placeholder}}}, which no key names";
                }
            }
        }
    }
}
