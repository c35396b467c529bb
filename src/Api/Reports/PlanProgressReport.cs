using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;

namespace CommunityJustice.Analytics.Api.Reports;

/// <summary>
/// Renders the answer of <see cref="PlanProgressQuery"/> as one self-contained HTML page in the style of
/// the Lothian &amp; Borders 2015-16 table (indicator, baseline, target, current, arrow, verdict), then the
/// actions grouped by status with overdue ones marked. Charts are inline SVG and the styles inline, so the
/// page needs nothing from elsewhere and prints to PDF as it shows. Every value from the data is
/// HTML-encoded.
/// </summary>
public static class PlanProgressReport
{
    /// <summary>Action groups in the order a board reads them: problems first, unknowns last.</summary>
    private static readonly (string? Status, string Title, string Colour)[] StatusGroups =
    [
        ("OFF_TRACK", "Off track", "#b91c1c"),
        ("AT_RISK", "At risk", "#d97706"),
        ("NOT_STARTED", "Not started", "#6b7280"),
        ("ON_TRACK", "On track", "#2563eb"),
        ("COMPLETE", "Complete", "#15803d"),
        ("WITHDRAWN", "Withdrawn", "#9ca3af"),
        (null, "No status recorded", "#d1d5db"),
    ];

    private static readonly Dictionary<string, string> VerdictColours = new()
    {
        ["MET"] = "#15803d",
        ["ON_TRACK"] = "#2563eb",
        ["OFF_TRACK"] = "#b91c1c",
        ["CANNOT_BE_JUDGED"] = "#d97706",
        ["NOT_YET_MEASURABLE"] = "#6b7280",
        ["NOT_COMPUTED"] = "#9ca3af",
    };

    public static string Render(JsonNode plan, DateOnly asOf, string reportingNote)
    {
        var html = new StringBuilder();
        var title = Text(plan["title"]);
        var partnership = Text(plan["partnership"]?["name"]);
        var kpis = plan["kpis"]!.AsArray().Select(k => k!).ToList();
        var actions = plan["actions"]!.AsArray().Select(a => a!).ToList();
        var overdue = plan["overdueActions"]!.AsArray().Select(a => Text(a!["number"])).ToHashSet(StringComparer.Ordinal);

        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<title>").Append(E($"{partnership}: {title} — progress as at {asOf:d MMMM yyyy}")).Append("</title>");
        html.Append("<style>").Append(Styles).Append("</style></head><body>");

        html.Append("<header><p class=\"partnership\">").Append(E(partnership)).Append("</p>");
        html.Append("<h1>").Append(E(title)).Append("</h1>");
        html.Append("<p class=\"meta\">Annual progress report as at <strong>").Append(E(asOf.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)))
            .Append("</strong> (").Append(E(reportingNote)).Append("). Plan period ").Append(E(Text(plan["period"])))
            .Append(" (").Append(E(Text(plan["starts"]))).Append(" to ").Append(E(Text(plan["ends"]))).Append("), published ")
            .Append(E(Text(plan["published"]))).Append("; edition of ").Append(E(Text(plan["edition"]?["date"]))).Append(".</p>");
        html.Append("<p class=\"meta\">Source: ").Append(E(Text(plan["source"]?["document"]))).Append("</p></header>");

        AppendSummary(html, kpis, actions);
        AppendKpiTable(html, kpis);
        AppendActions(html, actions, overdue);

        html.Append("<footer><p>Generated from the GraphQL query <code>PlanProgress</code> (docs/plans.md) with asPublishedOn = ")
            .Append(E(asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Append(": figures, plan edition and recorded statuses as they stood on that date. Current figures are computed from the published statistics, never typed; a suppressed or missing figure is shown as such, never as zero.</p></footer>");
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void AppendSummary(StringBuilder html, List<JsonNode> kpis, List<JsonNode> actions)
    {
        html.Append("<section class=\"summary\"><h2>Summary</h2><div class=\"charts\">");
        var verdicts = kpis.GroupBy(k => Text(k["progress"]?["verdict"]))
            .Select(g => (Label: Text(g.First()["progress"]?["verdictText"]), Count: g.Count(), Colour: VerdictColours.GetValueOrDefault(g.Key, "#9ca3af")))
            .ToList();
        AppendBarChart(html, "KPIs by verdict", verdicts);
        var statuses = StatusGroups
            .Select(s => (Label: s.Title, Count: actions.Count(a => StatusOf(a) == s.Status), s.Colour))
            .Where(s => s.Count > 0).ToList();
        AppendBarChart(html, "Improvement actions by status", statuses);
        html.Append("</div></section>");
    }

    /// <summary>A horizontal bar chart, one bar per category, labelled with its count.</summary>
    private static void AppendBarChart(StringBuilder html, string caption, List<(string Label, int Count, string Colour)> bars)
    {
        const int barHeight = 22, labelWidth = 170, chartWidth = 260;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Count));
        var height = Math.Max(1, bars.Count) * (barHeight + 6) + 4;
        html.Append("<figure><figcaption>").Append(E(caption)).Append("</figcaption>");
        html.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"{E(caption)}\" width=\"{labelWidth + chartWidth + 40}\" height=\"{height}\" viewBox=\"0 0 {labelWidth + chartWidth + 40} {height}\">");
        var y = 2;
        foreach (var (label, count, colour) in bars)
        {
            var width = (int)Math.Round(chartWidth * (double)count / max);
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\" font-size=\"12\">{E(label)}</text>");
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{Math.Max(width, 1)}\" height=\"{barHeight}\" fill=\"{colour}\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + width + 4}\" y=\"{y + 15}\" font-size=\"12\">{count}</text>");
            y += barHeight + 6;
        }
        html.Append("</svg></figure>");
    }

    private static void AppendKpiTable(StringBuilder html, List<JsonNode> kpis)
    {
        html.Append("<section><h2>Outcome indicators</h2>");
        html.Append("<table class=\"kpis\"><thead><tr><th>KPI</th><th>Indicator</th><th>Baseline</th><th>Target</th><th>Current</th><th>Trend</th><th>Verdict</th></tr></thead><tbody>");
        string? heading = null;
        foreach (var kpi in kpis)
        {
            var kpiHeading = Text(kpi["heading"]);
            if (kpiHeading != heading)
            {
                heading = kpiHeading;
                html.Append("<tr class=\"heading\"><th colspan=\"7\">").Append(E(heading)).Append("</th></tr>");
            }
            var progress = kpi["progress"]!;
            var percent = IsPercent(kpi);
            html.Append("<tr class=\"kpi\" data-kpi=\"").Append(E(Text(kpi["number"]))).Append("\">");
            html.Append("<td class=\"number\">").Append(E(Text(kpi["number"]))).Append("</td>");

            html.Append("<td>").Append(E(Text(kpi["wording"])));
            html.Append("<div class=\"small\">").Append(E(MeasureDescription(kpi))).Append("</div>");
            AppendSparkline(html, progress, percent);
            html.Append("</td>");

            html.Append("<td>").Append(E(Text(kpi["baseline"]?["wording"])));
            if (progress["baseline"] is { } baseline && baseline["value"] is not null)
                html.Append("<div class=\"small\">Used: ").Append(E(Number(baseline["value"], percent))).Append(" (").Append(E(Text(baseline["period"]))).Append(")</div>");
            html.Append("</td>");

            html.Append("<td>").Append(E(Text(kpi["target"]?["wording"])));
            if (progress["target"]?["threshold"] is { } threshold)
                html.Append("<div class=\"small\">Threshold: ").Append(E(Number(threshold, percent))).Append("</div>");
            html.Append("</td>");

            html.Append("<td>").Append(Current(progress, percent)).Append("</td>");
            html.Append("<td class=\"arrow\">").Append(Arrow(progress)).Append("</td>");
            var verdict = Text(progress["verdict"]);
            html.Append("<td><span class=\"verdict\" style=\"background:").Append(VerdictColours.GetValueOrDefault(verdict, "#9ca3af")).Append("\">")
                .Append(E(Text(progress["verdictText"]))).Append("</span><div class=\"small\">").Append(E(Text(progress["reasoning"]))).Append("</div></td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table></section>");
    }

    private static string MeasureDescription(JsonNode kpi)
    {
        if (kpi["link"] is { } link)
        {
            var where = link["wholePartnership"]?.GetValue<bool>() == true ? "the partnership's areas together" : Text(link["area"]?["name"]);
            var sex = Text(link["sex"]);
            var age = Text(link["ageBand"]);
            return $"Measured by: {Text(link["indicator"]?["title"])}, {where}"
                + (sex is "" or "ALL" ? "" : $", {sex.ToLowerInvariant()}")
                + (age is "" or "all" ? "" : $", age band {age}") + ".";
        }
        if (kpi["measuredLocally"]?.GetValue<bool>() == true) return kpi["note"] is null ? "Measured locally by the partnership." : Text(kpi["note"]);
        // The API's reasoning for an unlinked KPI already carries the plan file's note on why.
        return "Not linked to published figures.";
    }

    private static string Current(JsonNode progress, bool percent)
    {
        if (progress["current"] is not { } current) return "<span class=\"none\">No figure</span>";
        var value = current["value"] is null
            ? $"<span class=\"none\">{E(Text(current["status"]).ToLowerInvariant().Replace('_', ' '))}{(current["marker"] is null ? "" : " " + E(Text(current["marker"])))}</span>"
            : E(Number(current["value"], percent));
        return $"{value} <span class=\"small\">({E(Text(current["period"]))})</span><div class=\"small\">{E(Text(current["source"]))}</div>";
    }

    private static string Arrow(JsonNode progress)
    {
        var arrow = Text(progress["direction"]) switch
        {
            "INCREASING" => "↑",
            "DECREASING" => "↓",
            "NO_CHANGE" => "→",
            _ => "–",
        };
        var tested = progress["directionTested"]?.GetValue<bool>() == true;
        var title = progress["direction"] is null ? "no change can be computed" : tested ? "tested against the change's confidence interval" : "the sign of the change only (not tested)";
        return $"<span title=\"{E(title)}\">{arrow}</span>";
    }

    /// <summary>The KPI's figures over time, with the target threshold as a dashed line when there is one.</summary>
    private static void AppendSparkline(StringBuilder html, JsonNode progress, bool percent)
    {
        var points = progress["figures"]!.AsArray()
            .Select(p => (Period: Text(p!["period"]), Value: p["value"] is null ? (decimal?)null : Decimal(p["value"])))
            .ToList();
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        if (values.Count < 2) return;
        decimal? threshold = progress["target"]?["threshold"] is { } t ? Decimal(t) : null;
        var low = Math.Min(values.Min(), threshold ?? decimal.MaxValue);
        var high = Math.Max(values.Max(), threshold ?? decimal.MinValue);
        if (high == low) { high += 1; low -= 1; }
        const int width = 220, height = 56, pad = 6;
        double X(int i) => pad + (width - 2 * pad) * (double)i / (points.Count - 1);
        double Y(decimal v) => height - pad - (height - 2 * pad) * (double)((v - low) / (high - low));
        var line = string.Join(" ", points.Select((p, i) => p.Value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{X(i):0.#},{Y(v):0.#}") : null).OfType<string>());
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"spark\" role=\"img\" aria-label=\"{E($"Figures {points[0].Period} to {points[^1].Period}")}\" width=\"{width}\" height=\"{height + 12}\" viewBox=\"0 0 {width} {height + 12}\">");
        if (threshold is { } th)
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{pad}\" x2=\"{width - pad}\" y1=\"{Y(th):0.#}\" y2=\"{Y(th):0.#}\" stroke=\"#b91c1c\" stroke-dasharray=\"4 3\"/>");
        html.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{line}\" fill=\"none\" stroke=\"#1f2937\" stroke-width=\"1.5\"/>");
        for (var i = 0; i < points.Count; i++)
            if (points[i].Value is { } v)
                html.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(i):0.#}\" cy=\"{Y(v):0.#}\" r=\"2.5\"><title>{E($"{points[i].Period}: {Number(v, percent)}")}</title></circle>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{pad}\" y=\"{height + 10}\" font-size=\"9\">{E(points[0].Period)}</text>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - pad}\" y=\"{height + 10}\" font-size=\"9\" text-anchor=\"end\">{E(points[^1].Period)}</text>");
        html.Append("</svg>");
    }

    private static void AppendActions(StringBuilder html, List<JsonNode> actions, HashSet<string> overdue)
    {
        html.Append("<section><h2>Improvement actions by status</h2>");
        if (actions.Count == 0) html.Append("<p>The plan lists no improvement actions.</p>");
        foreach (var (status, title, colour) in StatusGroups)
        {
            var group = actions.Where(a => StatusOf(a) == status).ToList();
            if (group.Count == 0) continue;
            html.Append("<h3><span class=\"dot\" style=\"background:").Append(colour).Append("\"></span>").Append(E(title))
                .Append(CultureInfo.InvariantCulture, $" ({group.Count})</h3>");
            html.Append("<table class=\"actions\"><thead><tr><th>Action</th><th>Improvement action</th><th>Lead</th><th>Due</th><th>Status</th></tr></thead><tbody>");
            foreach (var action in group)
            {
                var number = Text(action["number"]);
                var isOverdue = overdue.Contains(number);
                html.Append("<tr").Append(isOverdue ? " class=\"overdue\"" : "").Append(" data-action=\"").Append(E(number)).Append("\">");
                html.Append("<td class=\"number\">").Append(E(number)).Append("</td>");
                html.Append("<td>").Append(E(Text(action["wording"])));
                if (action["target"] is not null) html.Append("<div class=\"small\">Target: ").Append(E(Text(action["target"]))).Append("</div>");
                html.Append("</td><td>").Append(E(string.Join(", ", action["leads"]!.AsArray().Select(l => Text(l))))).Append("</td>");
                html.Append("<td>").Append(E(action["due"] is null ? Text(action["dueWording"]) : Text(action["due"])));
                if (isOverdue) html.Append(" <strong class=\"overdue-mark\">OVERDUE</strong>");
                html.Append("</td><td>").Append(E(title));
                if (action["latestStatus"] is { } latest)
                {
                    html.Append("<div class=\"small\">").Append(E(Text(latest["date"])));
                    if (latest["asPublished"] is not null) html.Append(", as published: ").Append(E(Text(latest["asPublished"])));
                    if (latest["note"] is not null) html.Append(". ").Append(E(Text(latest["note"])));
                    html.Append("</div>");
                }
                html.Append("</td></tr>");
            }
            html.Append("</tbody></table>");
        }
        html.Append("</section>");
    }

    private static string? StatusOf(JsonNode action) => action["status"] is null ? null : Text(action["status"]);

    private static bool IsPercent(JsonNode kpi)
    {
        var unit = kpi["link"]?["indicator"]?["unit"] ?? kpi["unit"];
        return unit is not null && Text(unit).StartsWith('%');
    }

    private static string Number(JsonNode? node, bool percent) => Number(Decimal(node), percent);

    private static string Number(decimal value, bool percent) =>
        value.ToString("#,0.##", CultureInfo.InvariantCulture) + (percent ? "%" : "");

    private static decimal Decimal(JsonNode? node) => decimal.Parse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Text(JsonNode? node) => node is null ? "" : node.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();

    private static string E(string text) => HtmlEncoder.Default.Encode(text);

    private const string Styles = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#111827;margin:24px;font-size:13px;line-height:1.35}
        header h1{font-size:22px;margin:2px 0 6px}
        .partnership{font-size:14px;color:#374151;margin:0;text-transform:uppercase;letter-spacing:.04em}
        .meta{color:#374151;margin:2px 0}
        h2{font-size:17px;border-bottom:2px solid #1f2937;padding-bottom:3px;margin-top:22px}
        h3{font-size:14px;margin:14px 0 4px}
        table{border-collapse:collapse;width:100%}
        th,td{border:1px solid #d1d5db;padding:4px 6px;vertical-align:top;text-align:left}
        thead th{background:#1f2937;color:#fff}
        tr.heading th{background:#e5e7eb;font-weight:600}
        td.number{font-weight:700;white-space:nowrap}
        td.arrow{font-size:20px;text-align:center}
        .small{font-size:11px;color:#4b5563;margin-top:2px}
        .none{color:#6b7280;font-style:italic}
        .verdict{display:inline-block;color:#fff;padding:1px 6px;border-radius:3px;font-weight:600;white-space:nowrap}
        .dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:6px}
        tr.overdue td{background:#fef2f2}
        .overdue-mark{color:#b91c1c}
        .charts{display:flex;gap:32px;flex-wrap:wrap}
        figure{margin:0}
        figcaption{font-weight:600;margin-bottom:4px}
        svg.spark{display:block;margin-top:4px}
        footer{margin-top:24px;font-size:11px;color:#4b5563}
        @media print{
          @page{size:A4 landscape;margin:12mm}
          body{margin:0;font-size:10.5px}
          thead{display:table-header-group}
          tr{break-inside:avoid}
          h2,h3{break-after:avoid}
          .verdict,tr.overdue td,thead th,tr.heading th,.dot,rect{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        }
        """;
}
