using System.Text.Json;
using System.Text.RegularExpressions;

namespace CommunityJustice.Analytics.PowerBI.Tests.Support;

/// <summary>One column as the M declares it: the name, the path of GraphQL fields it is read from, and its M type.</summary>
public sealed record MColumn(string Name, IReadOnlyList<string> Path, string MType)
{
    /// <summary>The TMDL dataType a column of this M type loads as.</summary>
    public string TmdlDataType => MType switch
    {
        "Int64.Type" => "int64",
        "type number" => "double",
        "type text" => "string",
        "type date" => "dateTime",
        "type datetimezone" => "dateTime",
        "type logical" => "boolean",
        _ => throw new InvalidOperationException($"column {Name}: M type {MType} has no mapping here"),
    };
}

/// <summary>A GraphQL call as written in an M query: GraphQLTable("Name", Operation, variables, {rows path}, Columns, paged).</summary>
public sealed record GraphQLCall(string Owner, string OperationName, string Operation, string Variables, IReadOnlyList<string> RowsPath,
    IReadOnlyList<MColumn> Columns, bool Paged);

/// <summary>Reads what the checks need out of the M text of the model: GraphQL calls, column lists, Web.Contents calls.</summary>
public static partial class MQuery
{
    [GeneratedRegex("""Operation\s*=\s*"((?:[^"]|"")*)"\s*,""")]
    private static partial Regex OperationRegex();

    [GeneratedRegex("""\{\s*"([^"]+)"\s*,\s*\{([^{}]*)\}\s*,\s*(Int64\.Type|type [a-z]+)\s*\}""")]
    private static partial Regex ColumnRegex();

    [GeneratedRegex("""GraphQLTable\(\s*"([^"]+)"\s*,\s*Operation\s*,\s*(\[[^\]]*\])\s*,\s*\{([^{}]*)\}\s*,\s*Columns\s*,\s*(true|false)\s*\)""")]
    private static partial Regex CallRegex();

    [GeneratedRegex("\"((?:[^\"]|\"\")*)\"")]
    private static partial Regex StringRegex();

    /// <summary>The GraphQL call in an M query, or null when it makes none.</summary>
    public static GraphQLCall? Call(string owner, string m)
    {
        var call = CallRegex().Match(m);
        if (!call.Success) return null;
        var op = OperationRegex().Match(m);
        if (!op.Success) throw new FormatException($"{owner}: GraphQLTable call without an Operation = \"...\" step");
        var columnsAt = m.IndexOf("Columns = {", StringComparison.Ordinal);
        if (columnsAt < 0) throw new FormatException($"{owner}: GraphQLTable call without a Columns = {{...}} step");
        var columns = ColumnRegex().Matches(m[columnsAt..call.Index])
            .Select(c => new MColumn(c.Groups[1].Value, Strings(c.Groups[2].Value), c.Groups[3].Value)).ToList();
        return new GraphQLCall(owner, call.Groups[1].Value, op.Groups[1].Value.Replace("\"\"", "\""), call.Groups[2].Value,
            Strings(call.Groups[3].Value), columns, call.Groups[4].Value == "true");
    }

    public static List<string> Strings(string mList) =>
        StringRegex().Matches(mList).Select(s => s.Groups[1].Value.Replace("\"\"", "\"")).ToList();

    [GeneratedRegex(@"Table\.SelectColumns\(\s*Source\s*,\s*\{([^{}]*)\}\s*\)")]
    private static partial Regex SelectRegex();

    [GeneratedRegex(@"^\s*(?:Source|Result)\s*=\s*([A-Za-z_][A-Za-z0-9_]*)\s*,?\s*$", RegexOptions.Multiline)]
    private static partial Regex SourceRegex();

    /// <summary>For a query that starts from another query ("Source = FiguresSource"): that query's name.</summary>
    public static string? SourceQuery(string m) => SourceRegex().Match(m) is { Success: true } s ? s.Groups[1].Value : null;

    /// <summary>The columns a Table.SelectColumns(Source, {...}) step keeps, or null.</summary>
    public static List<string>? SelectedColumns(string m) => SelectRegex().Match(m) is { Success: true } s ? Strings(s.Groups[1].Value) : null;

    [GeneratedRegex(@"type table \[([^\]]*)\]")]
    private static partial Regex StaticTypeRegex();

    /// <summary>The columns of a #table(type table [A = text, ...], ...) literal, or null.</summary>
    public static List<MColumn>? StaticColumns(string m)
    {
        var t = StaticTypeRegex().Match(m);
        if (!t.Success) return null;
        return t.Groups[1].Value.Split(',').Select(p => p.Split('=', 2)).Select(p =>
        {
            var type = p[1].Trim();
            return new MColumn(p[0].Trim(), [], type.EndsWith(".Type", StringComparison.Ordinal) ? type : "type " + type);
        }).ToList();
    }

    /// <summary>
    /// Every Web.Contents call whose first argument is not the ApiBase parameter on its own, or whose
    /// options leave out RelativePath or ManualStatusHandling: the patterns that make a "dynamic data
    /// source" the Power BI service will not refresh, or turn an HTTP error into an unexplained failure.
    /// </summary>
    public static List<string> DataSourceViolations(string owner, string m)
    {
        var found = new List<string>();
        m = StripComments(m);
        var at = 0;
        while ((at = m.IndexOf("Web.Contents", at, StringComparison.Ordinal)) >= 0)
        {
            var open = m.IndexOf('(', at);
            var args = Arguments(m, open);
            at = open + 1;
            if (args.Count == 0) { found.Add($"{owner}: Web.Contents without arguments"); continue; }
            if (args[0].Trim() != "ApiBase")
                found.Add($"{owner}: Web.Contents' first argument is '{args[0].Trim()}', not the ApiBase parameter (a URL built at refresh time is a dynamic data source)");
            var options = args.Count > 1 ? args[1] : "";
            if (!options.Contains("RelativePath", StringComparison.Ordinal))
                found.Add($"{owner}: Web.Contents without RelativePath");
            if (!options.Contains("ManualStatusHandling", StringComparison.Ordinal))
                found.Add($"{owner}: Web.Contents without ManualStatusHandling");
        }
        return found;
    }

    /// <summary>The M text with // and /* */ comments blanked out (strings kept).</summary>
    public static string StripComments(string m)
    {
        var result = new System.Text.StringBuilder(m.Length);
        for (var i = 0; i < m.Length; i++)
        {
            if (m[i] == '"')
            {
                var j = i + 1;
                while (j < m.Length && !(m[j] == '"' && (j + 1 >= m.Length || m[j + 1] != '"'))) j += m[j] == '"' ? 2 : 1;
                result.Append(m, i, Math.Min(j + 1, m.Length) - i);
                i = j;
            }
            else if (m[i] == '/' && i + 1 < m.Length && m[i + 1] == '/')
            {
                while (i < m.Length && m[i] != '\n') i++;
                result.Append('\n');
            }
            else if (m[i] == '/' && i + 1 < m.Length && m[i + 1] == '*')
            {
                var end = m.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? m.Length : end + 1;
                result.Append(' ');
            }
            else result.Append(m[i]);
        }
        return result.ToString();
    }

    /// <summary>The top-level arguments of the call whose '(' is at <paramref name="open"/>, skipping strings and nested brackets.</summary>
    private static List<string> Arguments(string m, int open)
    {
        var args = new List<string>();
        var depth = 0;
        var start = open + 1;
        for (var i = open; i < m.Length; i++)
        {
            var c = m[i];
            if (c == '"')
            {
                var j = i + 1;
                while (j < m.Length)
                {
                    if (m[j] == '"' && j + 1 < m.Length && m[j + 1] == '"') { j += 2; continue; }
                    if (m[j] == '"') break;
                    j++;
                }
                i = j;
                continue;
            }
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}')
            {
                depth--;
                if (depth == 0) { args.Add(m[start..i]); return args; }
            }
            else if (c == ',' && depth == 1) { args.Add(m[start..i]); start = i + 1; }
        }
        return args;
    }

    /// <summary>An M record literal of plain values ([first = 1000], []) as JSON; other values are not supported here.</summary>
    public static Dictionary<string, JsonElement> RecordLiteral(string record)
    {
        var result = new Dictionary<string, JsonElement>();
        var inner = record.Trim().TrimStart('[').TrimEnd(']').Trim();
        if (inner.Length == 0) return result;
        foreach (var field in inner.Split(','))
        {
            var kv = field.Split('=', 2);
            result[kv[0].Trim()] = JsonDocument.Parse(kv[1].Trim()).RootElement.Clone();
        }
        return result;
    }
}
