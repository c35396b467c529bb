using CommunityJustice.Analytics.Api.GraphQL.Parsing;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser;
using GraphQLParser.Exceptions;
using GraphQLParser.Visitors;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Parsing;

/// <summary>
/// A document with a long line is parsed through a copy with one token per line (the parser's error
/// message costs the square of the error's column). Whatever the document, the answer must be the one
/// GraphQL.NET's own builder gives: the same document, or the same syntax error at the same place. The
/// documents here are small enough for the old builder to answer them quickly, and each has a line over
/// LongLineDocumentBuilder.LongLine characters, so the copy is what is parsed.
/// </summary>
public sealed class LongLineDocumentBuilderTests
{
    private static readonly string Padding = new(' ', LongLineDocumentBuilder.LongLine + 500);
    private static readonly string Long = new('y', TokenPerLineCopy.RestartAfter * 4);

    /// <summary>Every kind of token, with escapes, a long string, comment, number and block-string line (longer than the restart distance), and CRLF and CR line breaks.</summary>
    private static readonly string Rich =
        "\uFEFFquery Q($v: [Int!] = [1, -2], $w: Float = -0.5e+10) @dir(a: 1E3) {\r\n"
        + $"  a: field(s: \"tab\\t quote\\\" \\u00e9 \\\\ {Long}\", b: true, n: null, e: ENUM, o: {{x: [1 2], y: $v}}) {{ ...F ... on T {{ id }} }}\r\n"
        + $"  # a comment \\u0041 with escapes \\n {Long}\n"
        + $"  b(d: \"\"\"\n    block \\\"\"\" {Long}\n    \"\"\", n: 1{new string('2', TokenPerLineCopy.RestartAfter * 2)}.5) ,,, c\n"
        + "}\nfragment F on T { x(y: \"\") z(w: \"\"\"\"\"\") }\n";

    public static TheoryData<string> Broken() =>
    [
        "{ a(b: \"abc) }",
        $"{{ a(b: \"x{Long}\\q\") }}",
        $"{{ a(b: \"x{Long}\\u12G4\") }}",
        $"{{ a(b: \"x{Long}\\u12",
        $"{{ a(b: \"x{Long}\u0001\") }}",
        $"{{ a(b: \"x{Long}\n }}",
        $"{{ a(b: \"\"\"x{Long}\u0002\"\"\") }}",
        $"{{ a(b: \"\"\"x{Long}",
        $"{{ a(b: \"\"\"x\\\"\"\"{Long}\"\"\") }} }}",
        $"{{ a # {Long}\\d\n }}",
        $"{{ a # {Long}\\",
        $"{{ a(b: 1{new string('1', 2000)}.x) }}",
        $"{{ a(b: 1{new string('1', 2000)}e+x) }}",
        $"{{ a(b: 1.{new string('5', 2000)}ex) }}",
        $"{{ a(b: 1{new string('1', 2000)}x) }}",
        "{ a(b: -x) }",
        "{ a(b: 012) }",
        "{ a % }",
        "{ a . b }",
        "{ a .. b }",
        "{ a \u0007 }",
        "{ a(b: ) }",
        "query { a } }",
        "{ a { b }",
        "{ ... }",
        "{",
        "{ a(b: \"\"",
        "{ a(b: \"s\"c: 1) } }",
        $"{{ {string.Concat(Enumerable.Repeat("a(b: \"c\") ", 300))} }} extra",
        $"{{ a(b: {new string('[', 300)}",
    ];

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_syntax_error_on_a_long_line_is_reported_as_the_parser_reports_it(string document)
    {
        var padded = Padding + document;
        Assert.True(TokenPerLineCopy.HasLineLongerThan(padded, LongLineDocumentBuilder.LongLine));
        AssertSameAnswer(padded);
    }

    /// <summary>Every prefix of a document with every kind of token, each with one of a few characters changed: the lexer's every state meets its end or a character it refuses.</summary>
    [Fact]
    public void Every_cut_and_every_bad_character_gives_the_parser_s_answer()
    {
        for (var cut = 0; cut <= Rich.Length; cut++)
        {
            AssertSameAnswer(Padding + Rich[..cut]);
            if (cut == Rich.Length) break;
            foreach (var bad in new[] { "\\", "\"", "\u0001", "#", "\n", "}", "." })
                AssertSameAnswer(Padding + Rich[..cut] + bad + Rich[(cut + 1)..]);
        }
    }

    /// <summary>
    /// GraphQL-Parser counts a lone carriage return as a line break but cuts lines only at line feeds when it
    /// pictures the error, so a syntax error after one made it throw IndexOutOfRangeException (a 500).
    /// </summary>
    [Theory]
    [InlineData("{ a\r b(c: ) }", 2, 7)]
    [InlineData("{ a\r\r\r b(c: \"x)\r }", 4, 10)]
    public void A_lone_carriage_return_does_not_break_the_error_message(string document, int line, int column)
    {
        Assert.Throws<IndexOutOfRangeException>(() => new GraphQLDocumentBuilder().Build(document));
        var error = Assert.Throws<DocumentSyntaxError>(() => new LongLineDocumentBuilder().Build(document));
        Assert.Equal([new Location(line, column)], error.Locations!);
        Assert.StartsWith("Error parsing query: ", error.Message);
    }

    [Fact]
    public void A_valid_document_is_parsed_from_its_own_text()
    {
        foreach (var document in new[] { Rich, Minified(Rich), Padding + Rich })
        {
            var copy = TokenPerLineCopy.Of(document);
            Assert.Equal(Print(Parser.Parse(document)), Print(Parser.Parse(copy.Text)));

            var built = new LongLineDocumentBuilder().Build(document);
            Assert.Equal(Print(new GraphQLDocumentBuilder().Build(document)), Print(built));
            Assert.Equal(document, built.Source.ToString()); // locations are those of the document itself
        }
    }

    [Fact]
    public void Too_deep_a_document_is_a_syntax_error_with_its_place()
    {
        var document = Padding + "{ a(b: " + new string('[', 300) + "1" + new string(']', 300) + ") }";
        var expected = Assert.Throws<GraphQLMaxDepthExceededException>(() => new GraphQLDocumentBuilder().Build(document));
        var error = Assert.Throws<DocumentSyntaxError>(() => new LongLineDocumentBuilder().Build(document));
        Assert.Equal("Error parsing query: " + expected.Description, error.Message);
        Assert.Equal([expected.Location], error.Locations!);
        Assert.Equal("SYNTAX_ERROR", error.Code);
    }

    private static void AssertSameAnswer(string document)
    {
        ExecutionError? expected = null;
        try
        {
            new GraphQLDocumentBuilder().Build(document);
        }
        catch (SyntaxError ex)
        {
            expected = ex;
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return; // compared in Too_deep_a_document_is_a_syntax_error_with_its_place
        }
        if (expected is null)
        {
            new LongLineDocumentBuilder().Build(document);
            return;
        }
        var actual = Assert.ThrowsAny<ExecutionError>(() => new LongLineDocumentBuilder().Build(document));
        Assert.True(expected.Message == actual.Message && Same(expected.Locations, actual.Locations),
            $"document {Show(document)}: expected {expected.Message} at {Show(expected.Locations)}, got {actual.Message} at {Show(actual.Locations)}");
        Assert.Equal(expected.Code, actual.Code);
    }

    private static string Print(GraphQLParser.AST.ASTNode node) => new SDLPrinter(new SDLPrinterOptions { PrintComments = false }).Print(node);

    private static bool Same(IEnumerable<Location>? a, IEnumerable<Location>? b) =>
        (a ?? []).Select(l => (l.Line, l.Column)).SequenceEqual((b ?? []).Select(l => (l.Line, l.Column)));

    private static string Show(IEnumerable<Location>? locations) => string.Join(", ", (locations ?? []).Select(l => $"({l.Line}:{l.Column})"));

    private static string Show(string document) => System.Text.Json.JsonSerializer.Serialize(document.TrimStart(' ').Length > 120 ? document.TrimStart(' ')[^120..] : document.TrimStart(' '));

    /// <summary>The document on one line, as a client that minifies it sends it (comments dropped, line breaks between tokens removed where a punctuator allows it).</summary>
    private static string Minified(string document) => Print(Parser.Parse(document))
        .Replace("\n", " ").Replace(" {", "{").Replace("{ ", "{").Replace(" }", "}").Replace(": ", ":").Replace(", ", ",");
}
