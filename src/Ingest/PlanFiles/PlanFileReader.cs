using System.Globalization;
using System.Text.RegularExpressions;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Plans;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CommunityJustice.Analytics.Ingest.PlanFiles;

/// <summary>
/// Reads and checks a plan file (docs/plan-template.md). The YAML is read as a node tree, not bound
/// to classes, so that every refusal names the line of the node it is about; every problem in the
/// file is collected before the file is refused.
/// </summary>
public sealed partial class PlanFileReader
{
    public const string Format = "cjoip-plan/1";
    private const string PartnershipArea = "partnership";
    private const string ScotlandArea = "scotland";

    private readonly PlanReference _reference;
    private readonly List<PlanFileError> _errors = [];

    private PlanFileReader(PlanReference reference) => _reference = reference;

    /// <summary>The checked plan, or <see cref="PlanFileException"/> listing every problem with its line.</summary>
    public static PlanDocument Read(string fileName, string text, PlanReference reference)
    {
        var reader = new PlanFileReader(reference);
        var document = reader.ReadDocument(text);
        if (reader._errors.Count > 0 || document is null)
            throw new PlanFileException(fileName, reader._errors.OrderBy(e => e.Line).ToList());
        return document;
    }

    private PlanDocument? ReadDocument(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            Error(checked((int)e.Start.Line), $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
            return null;
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Error(1, "a plan file is one YAML mapping (format, partnership, plan, edition, items)");
            return null;
        }

        var top = Fields(root, "format", "partnership", "plan", "edition", "items");
        var format = RequiredText(root, top, "format");
        if (format is not null && format != Format) Error(top["format"], $"format must be '{Format}', not '{format}'");

        var partnership = RequiredMapping(root, top, "partnership");
        string? partnershipCode = null, partnershipName = null;
        var areaCodes = new List<string>();
        if (partnership is not null)
        {
            var f = Fields(partnership, "code", "name", "areas");
            partnershipCode = RequiredText(partnership, f, "code");
            if (partnershipCode is not null && !SlugPattern().IsMatch(partnershipCode))
                Error(f["code"], $"partnership code '{partnershipCode}' must be lower case letters, digits and hyphens (e.g. midlothian)");
            partnershipName = RequiredText(partnership, f, "name");
            foreach (var area in RequiredList(partnership, f, "areas"))
            {
                var text1 = Text(area);
                if (text1 is null) continue;
                if (!_reference.Areas.TryResolve(text1, out var code) || !_reference.CouncilAreas.Contains(code))
                    Error(area, $"'{text1}' is not a council area (a GSS code such as S12000019 or a name such as Midlothian)");
                else if (areaCodes.Contains(code)) Error(area, $"area '{text1}' is listed twice");
                else areaCodes.Add(code);
            }
        }

        var plan = RequiredMapping(root, top, "plan");
        string? title = null, period = null, sourceDocument = null, sourceUrl = null, sourceReference = null;
        DateOnly? starts = null, ends = null, published = null;
        if (plan is not null)
        {
            var f = Fields(plan, "title", "period", "starts", "ends", "published", "source");
            title = RequiredText(plan, f, "title");
            period = RequiredText(plan, f, "period");
            if (period is not null && !PlanPeriodPattern().IsMatch(period))
                Error(f["period"], $"plan period '{period}' must be written YYYY-YY (e.g. 2023-28)");
            starts = RequiredDate(plan, f, "starts");
            ends = RequiredDate(plan, f, "ends");
            if (starts is { } s && ends is { } e && e <= s) Error(f["ends"], $"the plan ends ({e:yyyy-MM-dd}) before it starts ({s:yyyy-MM-dd})");
            published = RequiredDate(plan, f, "published");
            var source = RequiredMapping(plan, f, "source");
            if (source is not null)
            {
                var sf = Fields(source, "document", "url", "reference");
                sourceDocument = RequiredText(source, sf, "document");
                sourceUrl = OptionalText(sf, "url");
                sourceReference = OptionalText(sf, "reference");
            }
        }

        var editionDate = published;
        string? editionNote = null;
        if (top.TryGetValue("edition", out var editionNode))
        {
            if (editionNode is not YamlMappingNode edition) Error(editionNode, "edition must be a mapping (date, note)");
            else
            {
                var f = Fields(edition, "date", "note");
                if (f.ContainsKey("date")) editionDate = RequiredDate(edition, f, "date");
                editionNote = OptionalText(f, "note");
            }
        }

        var items = new List<PlanItemDocument>();
        var kpiNumbers = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var actionNumbers = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var actionKpiReferences = new List<(YamlNode Node, string Kpi)>();
        var itemNodes = RequiredList(root, top, "items");
        if (top.ContainsKey("items") && itemNodes.Count == 0) Error(top["items"], "a plan has at least one item");
        foreach (var itemNode in itemNodes)
        {
            if (itemNode is not YamlMappingNode item)
            {
                Error(itemNode, "each item is a mapping (heading, aim, priorityActions, kpis, actions ...)");
                continue;
            }
            items.Add(ReadItem(item, starts, kpiNumbers, actionNumbers, actionKpiReferences));
        }
        foreach (var (node, kpi) in actionKpiReferences)
            if (!kpiNumbers.ContainsKey(kpi)) Error(node, $"the action's kpi '{kpi}' is not a KPI number of this plan");

        if (_errors.Count > 0) return null;
        return new PlanDocument(partnershipCode!, partnershipName!, areaCodes, title!, period!, starts!.Value, ends!.Value, published!.Value,
            sourceDocument!, sourceUrl, sourceReference, editionDate!.Value, editionNote, items);
    }

    private PlanItemDocument ReadItem(YamlMappingNode item, DateOnly? planStarts, Dictionary<string, YamlNode> kpiNumbers,
        Dictionary<string, YamlNode> actionNumbers, List<(YamlNode, string)> actionKpiReferences)
    {
        var f = Fields(item, "heading", "aim", "priorityActions", "nationalOutcomes", "localOutcome", "kpis", "actions");
        var heading = RequiredText(item, f, "heading") ?? "";
        int? aim = null;
        if (f.TryGetValue("aim", out var aimNode) && Integer(aimNode) is { } a)
        {
            if (_reference.Aims.Contains(a)) aim = a;
            else Error(aimNode, $"unknown national aim {a} (the national strategy has aims {string.Join(", ", _reference.Aims.Order())})");
        }
        var priorityActions = new List<int>();
        foreach (var node in OptionalList(f, "priorityActions"))
        {
            if (Integer(node) is not { } number) continue;
            if (!_reference.PriorityActionAims.TryGetValue(number, out var ofAim))
                Error(node, $"unknown priority action {number} (the national strategy has priority actions 1 to {_reference.PriorityActionAims.Keys.Max()})");
            else if (aim is { } itemAim && ofAim != itemAim)
                Error(node, $"priority action {number} belongs to national aim {ofAim}, not to aim {itemAim}");
            else priorityActions.Add(number);
        }
        var outcomes = new List<int>();
        foreach (var node in OptionalList(f, "nationalOutcomes"))
        {
            if (Integer(node) is not { } number) continue;
            if (!_reference.NationalOutcomes.Contains(number))
                Error(node, $"unknown nationally determined outcome {number} (the performance framework has outcomes 1 to {_reference.NationalOutcomes.Max()})");
            else outcomes.Add(number);
        }

        var kpis = new List<KpiDocument>();
        foreach (var node in OptionalList(f, "kpis"))
        {
            if (node is not YamlMappingNode kpi) { Error(node, "each KPI is a mapping (number, wording, ...)"); continue; }
            if (ReadKpi(kpi, planStarts) is { } read)
            {
                if (kpiNumbers.TryGetValue(read.Number, out var first)) Error(kpi, $"KPI number '{read.Number}' is used twice (first at line {Line(first)})");
                else kpiNumbers[read.Number] = kpi;
                kpis.Add(read);
            }
        }
        var actions = new List<ActionDocument>();
        foreach (var node in OptionalList(f, "actions"))
        {
            if (node is not YamlMappingNode action) { Error(node, "each action is a mapping (number, wording, ...)"); continue; }
            if (ReadAction(action, planStarts, actionKpiReferences) is { } read)
            {
                if (actionNumbers.TryGetValue(read.Number, out var first)) Error(action, $"action number '{read.Number}' is used twice (first at line {Line(first)})");
                else actionNumbers[read.Number] = action;
                actions.Add(read);
            }
        }
        return new PlanItemDocument(heading, aim, priorityActions, outcomes, OptionalText(f, "localOutcome"), kpis, actions);
    }

    private KpiDocument? ReadKpi(YamlMappingNode kpi, DateOnly? planStarts)
    {
        var f = Fields(kpi, "number", "wording", "unit", "polarity", "indicator", "measuredLocally", "baseline", "target", "figures", "note");
        var number = RequiredText(kpi, f, "number");
        var wording = RequiredText(kpi, f, "wording");
        KpiIndicatorLink? link = null;
        if (f.TryGetValue("indicator", out var linkNode)) link = ReadLink(linkNode);
        var polarity = KpiPolarity.Neither;
        if (f.TryGetValue("polarity", out var polarityNode))
            polarity = Choice(polarityNode, PolarityWords) ?? KpiPolarity.Neither;
        else if (f.ContainsKey("indicator")) Error(kpi, "a KPI linked to an indicator needs polarity (lower-is-better, higher-is-better or neither)");
        var measuredLocally = f.TryGetValue("measuredLocally", out var localNode) && Boolean(localNode) == true;

        KpiBaseline? baseline = null;
        if (f.TryGetValue("baseline", out var baselineNode)) baseline = ReadBaseline(baselineNode);
        KpiTarget? target = null;
        if (f.TryGetValue("target", out var targetNode)) target = ReadTarget(targetNode, planStarts);
        var figures = new List<KpiFigureDocument>();
        foreach (var node in OptionalList(f, "figures"))
            if (ReadFigure(node) is { } figure) figures.Add(figure);

        if (number is null || wording is null) return null;
        return new KpiDocument(number, wording, OptionalText(f, "unit"), polarity, measuredLocally, OptionalText(f, "note"), link, baseline, target, figures);
    }

    private KpiIndicatorLink? ReadLink(YamlNode node)
    {
        if (node is not YamlMappingNode map) { Error(node, "indicator must be a mapping (code, area, sex, ageBand)"); return null; }
        var f = Fields(map, "code", "area", "sex", "ageBand");
        var code = RequiredText(map, f, "code");
        var ok = true;
        if (code is not null && !_reference.Indicators.Contains(code))
        {
            Error(f["code"], $"unknown indicator '{code}' (indicator codes are in src/Model/Reference/Catalogue/indicators)");
            ok = false;
        }
        var areaText = RequiredText(map, f, "area");
        string? areaCode = null;
        var whole = false;
        if (areaText is null) ok = false;
        else if (areaText == PartnershipArea) whole = true;
        else if (areaText == ScotlandArea) areaCode = PlanReference.ScotlandCode;
        else if (!_reference.Areas.TryResolve(areaText, out var resolved))
        {
            Error(f["area"], $"unknown area '{areaText}' (a GSS code, an area name, 'scotland' or 'partnership')");
            ok = false;
        }
        else areaCode = resolved;
        var sex = Sex.All;
        if (f.TryGetValue("sex", out var sexNode)) sex = Choice(sexNode, SexWords) ?? Sex.All;
        var ageBand = "all";
        if (f.TryGetValue("ageBand", out var ageNode) && Text(ageNode) is { } band)
        {
            if (_reference.AgeBands.Contains(band)) ageBand = band;
            else { Error(ageNode, $"unknown age band '{band}' (e.g. all, under-21, 21-25, 26-30, 31-40, over-40)"); ok = false; }
        }
        return ok ? new KpiIndicatorLink { IndicatorCode = code!, AreaCode = areaCode, WholePartnership = whole, Sex = sex, AgeBandCode = ageBand } : null;
    }

    private KpiBaseline? ReadBaseline(YamlNode node)
    {
        if (node is not YamlMappingNode map) { Error(node, "baseline must be a mapping (kind, period, value, wording)"); return null; }
        var f = Fields(map, "kind", "period", "value", "wording");
        var kind = f.TryGetValue("kind", out var kindNode) ? Choice(kindNode, BaselineWords) : Missing<BaselineKind>(map, "kind");
        var period = OptionalPeriod(f, "period");
        decimal? value = f.TryGetValue("value", out var valueNode) ? Number(valueNode) : null;
        if (kind is BaselineKind.Value or BaselineKind.NationalAverage && !f.ContainsKey("period"))
            Error(map, $"a baseline of kind {Word(BaselineWords, kind.Value)} needs a period");
        if (kind is BaselineKind.Value && !f.ContainsKey("value")) Error(map, "a baseline of kind value needs a value");
        return kind is null ? null : new KpiBaseline { Kind = kind.Value, Period = period, Value = value, Wording = OptionalText(f, "wording") };
    }

    private KpiTarget? ReadTarget(YamlNode node, DateOnly? planStarts)
    {
        if (node is not YamlMappingNode map) { Error(node, "target must be a mapping (kind, wording, ...)"); return null; }
        var f = Fields(map, "kind", "wording", "due", "period", "comparison", "value", "difference", "differenceUnit", "scotlandPeriod", "direction", "yearOnYear", "note");
        var kind = f.TryGetValue("kind", out var kindNode) ? Choice(kindNode, TargetWords) : Missing<TargetKind>(map, "kind");
        var wording = RequiredText(map, f, "wording");
        DateOnly? due = f.ContainsKey("due") ? RequiredDate(map, f, "due") : null;
        if (due is { } d && planStarts is { } s && d < s) Error(f["due"], $"the target is due {d:yyyy-MM-dd}, before the plan starts ({s:yyyy-MM-dd})");
        TargetComparison? comparison = f.TryGetValue("comparison", out var cNode) ? Choice(cNode, ComparisonWords) : null;
        decimal? value = f.TryGetValue("value", out var vNode) ? Number(vNode) : null;
        decimal? difference = f.TryGetValue("difference", out var dNode) ? Number(dNode) : null;
        DifferenceUnit? unit = f.TryGetValue("differenceUnit", out var uNode) ? Choice(uNode, DifferenceUnitWords) : null;
        TargetDirection? direction = f.TryGetValue("direction", out var dirNode) ? Choice(dirNode, DirectionWords) : null;
        string? scotlandPeriod = null;
        if (f.TryGetValue("scotlandPeriod", out var spNode) && Text(spNode) is { } sp && sp != "same-as-figure")
            scotlandPeriod = CheckPeriod(spNode, sp);
        switch (kind)
        {
            case TargetKind.Absolute:
                if (comparison is null) Error(map, "an absolute target needs comparison (below, at-or-below, above, at-or-above)");
                if (value is null) Error(map, "an absolute target needs value");
                break;
            case TargetKind.RelativeToScotland:
                if (comparison is null) Error(map, "a relative-to-scotland target needs comparison (below, at-or-below, above, at-or-above)");
                if (difference is null) Error(map, "a relative-to-scotland target needs difference (e.g. 5)");
                if (unit is null) Error(map, "a relative-to-scotland target needs differenceUnit: percentage-points or per-cent (say which the plan means)");
                break;
            case TargetKind.Direction:
                if (direction is null) Error(map, "a direction target needs direction (decrease, increase or maintain)");
                break;
        }
        if (kind is null || wording is null) return null;
        return new KpiTarget
        {
            Kind = kind.Value, Wording = wording, Due = due, Period = OptionalPeriod(f, "period"), Comparison = comparison, Value = value,
            Difference = difference, DifferenceUnit = unit, ScotlandPeriod = scotlandPeriod, Direction = direction,
            YearOnYear = f.TryGetValue("yearOnYear", out var yNode) && Boolean(yNode) == true, Note = OptionalText(f, "note"),
        };
    }

    private KpiFigureDocument? ReadFigure(YamlNode node)
    {
        if (node is not YamlMappingNode map) { Error(node, "each figure is a mapping (period, value, status, note)"); return null; }
        var f = Fields(map, "period", "value", "status", "note");
        var period = RequiredText(map, f, "period");
        if (period is not null && !YearPattern().IsMatch(period))
        {
            Error(f["period"], $"a locally measured figure's period is a year (2023) or a financial year (2023-24), not '{period}'");
            period = null;
        }
        var status = f.TryGetValue("status", out var sNode) ? Choice(sNode, FigureStatusWords) : ObservationStatus.Published;
        decimal? value = f.TryGetValue("value", out var vNode) ? Number(vNode) : null;
        if (status == ObservationStatus.Published && !f.ContainsKey("value")) Error(map, "a published figure needs a value (or a status: suppressed, not-available)");
        if (status is not ObservationStatus.Published && f.ContainsKey("value")) Error(f["value"], "a suppressed or not-available figure has no value");
        return period is null || status is null ? null : new KpiFigureDocument(period, status == ObservationStatus.Published ? value : null, status.Value, OptionalText(f, "note"));
    }

    private ActionDocument? ReadAction(YamlMappingNode action, DateOnly? planStarts, List<(YamlNode, string)> kpiReferences)
    {
        var f = Fields(action, "number", "wording", "kpi", "leads", "due", "dueWording", "target", "status", "note");
        var number = RequiredText(action, f, "number");
        var wording = RequiredText(action, f, "wording");
        var kpi = OptionalText(f, "kpi");
        if (kpi is not null) kpiReferences.Add((f["kpi"], kpi));
        var leads = OptionalList(f, "leads").Select(Text).OfType<string>().ToList();
        DateOnly? due = f.ContainsKey("due") ? RequiredDate(action, f, "due") : null;
        if (due is { } d && planStarts is { } s && d < s) Error(f["due"], $"action {number} is due {d:yyyy-MM-dd}, before the plan starts ({s:yyyy-MM-dd})");
        var statuses = new List<ActionStatusDocument>();
        DateOnly? previous = null;
        foreach (var node in OptionalList(f, "status"))
        {
            if (node is not YamlMappingNode entry) { Error(node, "each status entry is a mapping (status, date, asPublished, note, recordedBy)"); continue; }
            var ef = Fields(entry, "status", "date", "asPublished", "note", "recordedBy");
            var status = ef.TryGetValue("status", out var sNode) ? Choice(sNode, StatusWords) : Missing<ActionStatus>(entry, "status");
            var date = RequiredDate(entry, ef, "date");
            if (date is { } at && previous is { } before && at < before) Error(ef["date"], $"status entries must be in date order ({at:yyyy-MM-dd} comes after {before:yyyy-MM-dd})");
            previous = date ?? previous;
            if (status is not null && date is not null)
                statuses.Add(new ActionStatusDocument(status.Value, date.Value, OptionalText(ef, "asPublished"), OptionalText(ef, "note"), OptionalText(ef, "recordedBy") ?? "plan file"));
        }
        if (number is null || wording is null) return null;
        return new ActionDocument(number, wording, kpi, leads, due, OptionalText(f, "dueWording"), OptionalText(f, "target"), OptionalText(f, "note"), statuses);
    }

    // ---- node helpers: each records an error at the node's line and returns null when the node is wrong ----

    private Dictionary<string, YamlNode> Fields(YamlMappingNode map, params string[] allowed)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(key)) Error(keyNode, $"unknown field '{key}' (allowed here: {string.Join(", ", allowed)})");
            else fields[key] = value;
        }
        return fields;
    }

    private T? Missing<T>(YamlNode parent, string field) where T : struct
    {
        Error(parent, $"missing field '{field}'");
        return null;
    }

    private string? RequiredText(YamlNode parent, Dictionary<string, YamlNode> fields, string field)
    {
        if (!fields.TryGetValue(field, out var node)) { Error(parent, $"missing field '{field}'"); return null; }
        var text = Text(node);
        if (text is { Length: 0 }) { Error(node, $"'{field}' is empty"); return null; }
        return text;
    }

    private string? OptionalText(Dictionary<string, YamlNode> fields, string field) =>
        fields.TryGetValue(field, out var node) ? Text(node) is { Length: > 0 } text ? text : null : null;

    private string? Text(YamlNode node)
    {
        if (node is YamlScalarNode { Value: { } value }) return value.Trim();
        Error(node, "expected a single value here, not a list or mapping");
        return null;
    }

    private YamlMappingNode? RequiredMapping(YamlNode parent, Dictionary<string, YamlNode> fields, string field)
    {
        if (!fields.TryGetValue(field, out var node)) { Error(parent, $"missing field '{field}'"); return null; }
        if (node is YamlMappingNode map) return map;
        Error(node, $"'{field}' must be a mapping");
        return null;
    }

    private List<YamlNode> RequiredList(YamlNode parent, Dictionary<string, YamlNode> fields, string field)
    {
        if (!fields.ContainsKey(field)) { Error(parent, $"missing field '{field}'"); return []; }
        return OptionalList(fields, field);
    }

    private List<YamlNode> OptionalList(Dictionary<string, YamlNode> fields, string field)
    {
        if (!fields.TryGetValue(field, out var node)) return [];
        if (node is YamlSequenceNode list) return [.. list.Children];
        Error(node, $"'{field}' must be a list");
        return [];
    }

    private DateOnly? RequiredDate(YamlNode parent, Dictionary<string, YamlNode> fields, string field)
    {
        var text = RequiredText(parent, fields, field);
        if (text is null) return null;
        if (!DatePattern().IsMatch(text)) { Error(fields[field], $"'{field}' must be a date written YYYY-MM-DD, not '{text}'"); return null; }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Error(fields[field], $"'{text}' is not a date that exists");
        return null;
    }

    private string? OptionalPeriod(Dictionary<string, YamlNode> fields, string field) =>
        fields.TryGetValue(field, out var node) && Text(node) is { } text ? CheckPeriod(node, text) : null;

    private string? CheckPeriod(YamlNode node, string text)
    {
        if (PeriodPattern().IsMatch(text)) return text;
        Error(node, $"'{text}' is not a period label (e.g. 2017-18, 2023, 2023-Q1, 2023M04)");
        return null;
    }

    private int? Integer(YamlNode node)
    {
        if (Text(node) is not { } text) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
        Error(node, $"'{text}' is not a whole number");
        return null;
    }

    private decimal? Number(YamlNode node)
    {
        if (Text(node) is not { } text) return null;
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return value;
        Error(node, $"'{text}' is not a number (write 27.1 for 27.1%)");
        return null;
    }

    private bool? Boolean(YamlNode node)
    {
        var text = Text(node);
        if (text is "true") return true;
        if (text is "false") return false;
        if (text is not null) Error(node, $"'{text}' must be true or false");
        return null;
    }

    private T? Choice<T>(YamlNode node, IReadOnlyDictionary<string, T> words) where T : struct
    {
        if (Text(node) is not { } text) return null;
        if (words.TryGetValue(text, out var value)) return value;
        Error(node, $"'{text}' is not one of: {string.Join(", ", words.Keys)}");
        return null;
    }

    private static string Word<T>(IReadOnlyDictionary<string, T> words, T value) where T : struct => words.First(w => w.Value.Equals(value)).Key;

    private static int Line(YamlNode node) => checked((int)node.Start.Line);

    private void Error(YamlNode node, string reason) => Error(Line(node), reason);

    private void Error(int line, string reason) => _errors.Add(new PlanFileError(line, reason));

    public static readonly IReadOnlyDictionary<string, KpiPolarity> PolarityWords = new Dictionary<string, KpiPolarity>
    {
        ["lower-is-better"] = KpiPolarity.LowerIsBetter, ["higher-is-better"] = KpiPolarity.HigherIsBetter, ["neither"] = KpiPolarity.Neither,
    };

    public static readonly IReadOnlyDictionary<string, Sex> SexWords = new Dictionary<string, Sex> { ["all"] = Sex.All, ["male"] = Sex.Male, ["female"] = Sex.Female };

    public static readonly IReadOnlyDictionary<string, BaselineKind> BaselineWords = new Dictionary<string, BaselineKind>
    {
        ["value"] = BaselineKind.Value, ["national-average"] = BaselineKind.NationalAverage, ["not-set"] = BaselineKind.NotSet,
    };

    public static readonly IReadOnlyDictionary<string, TargetKind> TargetWords = new Dictionary<string, TargetKind>
    {
        ["absolute"] = TargetKind.Absolute, ["relative-to-scotland"] = TargetKind.RelativeToScotland,
        ["direction"] = TargetKind.Direction, ["qualitative"] = TargetKind.Qualitative,
    };

    public static readonly IReadOnlyDictionary<string, TargetComparison> ComparisonWords = new Dictionary<string, TargetComparison>
    {
        ["below"] = TargetComparison.Below, ["at-or-below"] = TargetComparison.AtOrBelow,
        ["above"] = TargetComparison.Above, ["at-or-above"] = TargetComparison.AtOrAbove,
    };

    public static readonly IReadOnlyDictionary<string, DifferenceUnit> DifferenceUnitWords = new Dictionary<string, DifferenceUnit>
    {
        ["percentage-points"] = DifferenceUnit.PercentagePoints, ["per-cent"] = DifferenceUnit.PerCent,
    };

    public static readonly IReadOnlyDictionary<string, TargetDirection> DirectionWords = new Dictionary<string, TargetDirection>
    {
        ["decrease"] = TargetDirection.Decrease, ["increase"] = TargetDirection.Increase, ["maintain"] = TargetDirection.Maintain,
    };

    public static readonly IReadOnlyDictionary<string, ActionStatus> StatusWords = new Dictionary<string, ActionStatus>
    {
        ["not-started"] = ActionStatus.NotStarted, ["on-track"] = ActionStatus.OnTrack, ["at-risk"] = ActionStatus.AtRisk,
        ["off-track"] = ActionStatus.OffTrack, ["complete"] = ActionStatus.Complete, ["withdrawn"] = ActionStatus.Withdrawn,
    };

    public static readonly IReadOnlyDictionary<string, ObservationStatus> FigureStatusWords = new Dictionary<string, ObservationStatus>
    {
        ["published"] = ObservationStatus.Published, ["suppressed"] = ObservationStatus.Suppressed, ["not-available"] = ObservationStatus.NotAvailable,
    };

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}$")]
    private static partial Regex PlanPeriodPattern();

    [GeneratedRegex(@"^\d{4}(-\d{2})?$")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d{4}(-\d{2}|-Q[1-4]|M\d{2}|-\d{4})?$")]
    private static partial Regex PeriodPattern();
}
