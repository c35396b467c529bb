using System.Text;
using CommunityJustice.Analytics.Ingest.PlanFiles;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.Tests.Disclosure;

/// <summary>
/// Attacks through plan progress (plan, plans, overdueActions serve KPI figures): every KPI point is
/// masked as observations masks it, a sum over a partnership's areas is computed only from cells the
/// public view shows, and a change since the baseline is a difference of shown values.
/// </summary>
public sealed partial class DifferencingAttackTests
{
    private static string PlanYaml(string code, IEnumerable<(string Number, string Indicator, string Area, Sex Sex, string Band)> kpis)
    {
        var text = new StringBuilder($"""
            format: cjoip-plan/1
            partnership: {"{"} code: {code}, name: SDC test, areas: [{string.Join(", ", DisclosureFixture.Councils)}] {"}"}
            plan: {"{"} title: SDC test, period: 2016-21, starts: 2016-04-01, ends: 2021-03-31, published: 2016-06-30, source: {"{"} document: test {"}"} {"}"}
            items:
              - heading: test
                kpis:

            """);
        foreach (var k in kpis)
            text.Append($"      - {{ number: \"{k.Number}\", wording: w, polarity: lower-is-better, indicator: {{ code: {k.Indicator}, area: {k.Area}, sex: {k.Sex.ToString().ToLowerInvariant()}, ageBand: {k.Band} }}, target: {{ kind: direction, wording: Reduce, direction: decrease }} }}\n");
        return text.ToString();
    }

    [Fact]
    public async Task Plan_progress_recovers_no_withheld_cell()
    {
        var masked = await MaskedAsync();
        var leaks = new Leaks();
        var client = data.CreateClient();
        var hiddenPoints = 0;
        var sexes = new[] { Sex.All, Sex.Male, Sex.Female };
        foreach (var area in AllAreas.Append("partnership"))
        {
            var code = $"sdc-{area.ToLowerInvariant()}";
            var kpis = (from indicator in new[] { DisclosureFixture.PeopleIndicator, DisclosureFixture.PercentIndicator }
                        from sex in sexes
                        from band in AllBands
                        select ($"{indicator}|{sex}|{band}", indicator, area, sex, band)).ToList();
            var path = Path.Combine(Path.GetTempPath(), $"{code}-{Guid.NewGuid():N}.yaml");
            await File.WriteAllTextAsync(path, PlanYaml(code, kpis));
            await using (var db = data.CreateContext()) await PlanFileLoader.LoadAsync(db, path, dryRun: false, CancellationToken.None);
            File.Delete(path);

            var result = await client.QueryAsync($$"""
                { plan(partnership: "{{code}}", period: "2016-21") { kpis { number progress {
                    figures { period value status confidenceInterval { lower upper } }
                    current { value } changeSinceBaseline changeInterval { lower upper } } } } }
                """);
            foreach (var kpi in result["data"]!["plan"]!["kpis"]!.AsArray())
            {
                var parts = ((string)kpi!["number"]!).Split('|');
                var (indicator, sex, band) = (parts[0], Enum.Parse<Sex>(parts[1]), parts[2]);
                var route = $"plan {area} {kpi["number"]}";
                var shown = new List<decimal>();
                foreach (var point in kpi["progress"]!["figures"]!.AsArray())
                {
                    leaks.Checked++;
                    var period = (string)point!["period"]!;
                    var value = Decimal(point["value"]);
                    var members = area == "partnership" ? DisclosureFixture.Councils : [area];
                    var cells = members.Select(a => masked[new TrueCell.Key(indicator, a, period, sex, band)]).ToList();
                    if (cells.Any(Hidden))
                    {
                        hiddenPoints++;
                        if (value is not null || point["confidenceInterval"] is not null)
                            leaks.Add($"{route} {period}: computed from a withheld cell ({point.ToJsonString()}; true {string.Join(", ", cells.Where(Hidden).Select(c => Truth(c.Key)))})");
                        continue;
                    }
                    if (area != "partnership" && value != cells[0].Value)
                        leaks.Add($"{route} {period}: shows {value}, observations shows {cells[0].Value}");
                    if (area == "partnership" && indicator == DisclosureFixture.PeopleIndicator && value != cells.Sum(c => c.Value))
                        leaks.Add($"{route} {period}: a sum {value} that is not the sum of the shown cells {cells.Sum(c => c.Value)}");
                    if (value is { } v) shown.Add(v);
                }
                var change = Decimal(kpi["progress"]!["changeSinceBaseline"]);
                var current = Decimal(kpi["progress"]!["current"]?["value"]);
                if (change is not null && (current is null || !shown.Contains(current.Value - change.Value)))
                    leaks.Add($"{route}: change since baseline {change} is not a difference of shown values");
            }
        }
        Assert.True(hiddenPoints > 0, "no plan KPI had a withheld figure");
        leaks.AssertNone("plan progress");
    }
}
