using System.Text.RegularExpressions;

namespace CommunityJustice.Analytics.PowerBI.Tests.Support;

public sealed record TmdlColumn(string Table, string Name, string? DataType, string? Expression, string? SortBy, string? LineageTag)
{
    public bool IsCalculated => Expression is not null;
}

public sealed record TmdlMeasure(string Table, string Name, string Expression, string? Description, string? FormatString,
    string? FormatStringDefinition, IReadOnlyDictionary<string, string> Annotations);

public sealed record TmdlPartition(string Table, string Name, string Kind, string Source);

public sealed record TmdlTable(string Name, string File, List<TmdlColumn> Columns, List<TmdlMeasure> Measures, List<TmdlPartition> Partitions);

public sealed record TmdlExpression(string Name, string Text, string? Meta);

public sealed record TmdlRelationship(string Name, string FromTable, string FromColumn, string ToTable, string ToColumn);

/// <summary>
/// A small reader for the TMDL this project writes (and Power BI Desktop writes): objects by tab
/// indentation, quoted names, `///` descriptions, multi-line expressions indented two levels below
/// their object, properties one level below. Enough for structural checks; not a full TMDL parser.
/// </summary>
public sealed class TmdlModel
{
    public List<TmdlTable> Tables { get; } = [];
    public List<TmdlExpression> Expressions { get; } = [];
    public List<TmdlRelationship> Relationships { get; } = [];
    /// <summary>Every lineageTag in the model with the object it belongs to.</summary>
    public List<(string Owner, string Tag)> LineageTags { get; } = [];
    public List<string> ModelTableRefs { get; } = [];

    public static string Folder => Path.Combine(PowerBIPaths.SemanticModel, "definition");

    public static TmdlModel Load(string? definitionFolder = null)
    {
        var folder = definitionFolder ?? Folder;
        var model = new TmdlModel();
        foreach (var file in Directory.GetFiles(folder, "*.tmdl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            model.Read(file, File.ReadAllText(file));
        }
        return model;
    }

    public TmdlTable Table(string name) => Tables.SingleOrDefault(t => t.Name == name) ?? throw new InvalidOperationException($"no table {name}");

    private static int Indent(string line) => line.Length - line.TrimStart('\t').Length;

    /// <summary>A name as TMDL writes it: bare, or in single quotes with '' for a quote; returns it and the rest of the text.</summary>
    public static (string Name, string Remainder) ReadName(string text)
    {
        text = text.TrimStart();
        if (text.StartsWith('\''))
        {
            var i = 1;
            var name = new System.Text.StringBuilder();
            while (i < text.Length)
            {
                if (text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'') { name.Append('\''); i += 2; continue; }
                if (text[i] == '\'') { i++; break; }
                name.Append(text[i++]);
            }
            return (name.ToString(), text[i..]);
        }
        var end = 0;
        while (end < text.Length && text[end] != ' ' && text[end] != '=' && text[end] != '.') end++;
        return (text[..end], text[end..]);
    }

    /// <summary>The lines indented at least two levels below <paramref name="start"/>'s line, de-indented: a multi-line expression.</summary>
    private static (string Text, int Next) Block(string[] lines, int start)
    {
        var min = Indent(lines[start]) + 2;
        var body = new List<string>();
        var i = start + 1;
        for (; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) { body.Add(""); continue; }
            if (Indent(lines[i]) < min) break;
            body.Add(lines[i]);
        }
        while (body.Count > 0 && body[^1].Length == 0) { body.RemoveAt(body.Count - 1); i--; }
        var common = body.Where(l => l.Length > 0).Select(Indent).DefaultIfEmpty(0).Min();
        return (string.Join("\n", body.Select(l => l.Length == 0 ? l : l[common..])), i);
    }

    private void Read(string file, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        string? description = null;
        TmdlTable? table = null;
        string owner = Path.GetFileName(file);
        // The current second-level object of a table (column/measure/partition) and its properties.
        Dictionary<string, string>? props = null;
        Dictionary<string, string>? annotations = null;
        Action? flush = null;

        void Flush() { flush?.Invoke(); flush = null; props = null; annotations = null; }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var content = line.Trim();
            if (content.Length == 0) continue;
            var indent = Indent(line);
            if (content.StartsWith("///")) { description = (description is null ? "" : description + "\n") + content[3..].Trim(); continue; }

            if (content.StartsWith("lineageTag:")) LineageTags.Add((owner, content["lineageTag:".Length..].Trim()));

            if (indent == 0)
            {
                Flush();
                table = null;
                if (content.StartsWith("table "))
                {
                    var (name, _) = ReadName(content["table ".Length..]);
                    table = new TmdlTable(name, file, [], [], []);
                    Tables.Add(table);
                    owner = "table " + name;
                }
                else if (content.StartsWith("expression "))
                {
                    var (name, rest) = ReadName(content["expression ".Length..]);
                    rest = rest.Trim();
                    if (!rest.StartsWith('=')) throw new FormatException($"{file}:{i + 1}: expression without '='");
                    rest = rest[1..].Trim();
                    string body;
                    string? meta = null;
                    if (rest.Length == 0) { (body, var next) = Block(lines, i); i = next - 1; }
                    else
                    {
                        var metaAt = rest.IndexOf(" meta [", StringComparison.Ordinal);
                        body = metaAt >= 0 ? rest[..metaAt] : rest;
                        meta = metaAt >= 0 ? rest[(metaAt + " meta ".Length)..] : null;
                    }
                    Expressions.Add(new TmdlExpression(name, body, meta));
                    owner = "expression " + name;
                }
                else if (content.StartsWith("relationship "))
                {
                    var name = content["relationship ".Length..].Trim();
                    string? from = null, to = null;
                    var j = i + 1;
                    for (; j < lines.Length && (lines[j].Trim().Length == 0 || Indent(lines[j]) > 0); j++)
                    {
                        var p = lines[j].Trim();
                        if (p.StartsWith("fromColumn:")) from = p["fromColumn:".Length..].Trim();
                        if (p.StartsWith("toColumn:")) to = p["toColumn:".Length..].Trim();
                    }
                    i = j - 1;
                    var (ft, frest) = ReadName(from ?? throw new FormatException($"relationship {name} has no fromColumn"));
                    var (tt, trest) = ReadName(to ?? throw new FormatException($"relationship {name} has no toColumn"));
                    Relationships.Add(new TmdlRelationship(name, ft, ReadName(frest.TrimStart('.')).Name, tt, ReadName(trest.TrimStart('.')).Name));
                }
                else if (content.StartsWith("ref table ")) ModelTableRefs.Add(ReadName(content["ref table ".Length..]).Name);
                description = null;
                continue;
            }

            if (table is null) continue;

            if (indent == 1)
            {
                Flush();
                var desc = description;
                description = null;
                if (content.StartsWith("column "))
                {
                    var (name, rest) = ReadName(content["column ".Length..]);
                    rest = rest.Trim();
                    string? expression = null;
                    if (rest.StartsWith('='))
                    {
                        expression = rest[1..].Trim();
                        if (expression.Length == 0) { (expression, var next) = Block(lines, i); i = next - 1; }
                    }
                    props = new();
                    var p = props;
                    var t = table;
                    flush = () => t.Columns.Add(new TmdlColumn(t.Name, name, p.GetValueOrDefault("dataType"), expression, p.GetValueOrDefault("sortByColumn"), p.GetValueOrDefault("lineageTag")));
                    owner = $"column {table.Name}.{name}";
                }
                else if (content.StartsWith("measure "))
                {
                    var (name, rest) = ReadName(content["measure ".Length..]);
                    rest = rest.Trim();
                    if (!rest.StartsWith('=')) throw new FormatException($"{file}:{i + 1}: measure without '='");
                    var expression = rest[1..].Trim();
                    if (expression.Length == 0) { (expression, var next) = Block(lines, i); i = next - 1; }
                    props = new();
                    annotations = new();
                    var p = props;
                    var a = annotations;
                    var t = table;
                    flush = () => t.Measures.Add(new TmdlMeasure(t.Name, name, expression, desc, p.GetValueOrDefault("formatString"), p.GetValueOrDefault("formatStringDefinition"), a));
                    owner = $"measure {table.Name}.{name}";
                }
                else if (content.StartsWith("partition "))
                {
                    var (name, rest) = ReadName(content["partition ".Length..]);
                    var kind = rest.Trim().TrimStart('=').Trim();
                    props = new();
                    var p = props;
                    var t = table;
                    flush = () => t.Partitions.Add(new TmdlPartition(t.Name, name, kind, p.GetValueOrDefault("source") ?? ""));
                    owner = $"partition {table.Name}.{name}";
                }
                continue;
            }

            if (props is not null && indent == 2)
            {
                if (content.StartsWith("annotation ") && annotations is not null)
                {
                    var body = content["annotation ".Length..];
                    var eq = body.IndexOf('=');
                    annotations[body[..eq].Trim()] = body[(eq + 1)..].Trim();
                    continue;
                }
                var colon = content.IndexOf(':');
                var equals = content.IndexOf('=');
                if (equals > 0 && (colon < 0 || equals < colon))
                {
                    var key = content[..equals].Trim();
                    var value = content[(equals + 1)..].Trim();
                    if (value.Length == 0) { (value, var next) = Block(lines, i); i = next - 1; }
                    props[key] = value;
                }
                else if (colon > 0) props[content[..colon].Trim()] = content[(colon + 1)..].Trim();
                else props[content] = "true";
            }
        }
        Flush();
    }
}
