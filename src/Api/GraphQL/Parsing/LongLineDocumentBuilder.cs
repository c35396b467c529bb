using GraphQL.Execution;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace CommunityJustice.Analytics.Api.GraphQL.Parsing;

/// <summary>
/// GraphQL.NET's document builder, made safe against documents with long lines. GraphQL-Parser (9.5.0
/// and 9.5.1, the newest the package source has) builds each syntax error's message with a picture
/// of the offending line, whose caret is padded by appending one space at a time to a string
/// (GraphQLParserException.LeftPad): time grows with the square of the error's column. A one-line
/// 62 KB document with an error at its end took 5.2 s of CPU, a 170 KB one about 20 s, and the parse
/// cannot be cancelled. A document with a line longer than <see cref="LongLine"/> characters is
/// therefore first parsed as a copy with one token per line (<see cref="TokenPerLineCopy"/>), where any
/// error is near the start of its line; the error is reported at its place in the document, with the
/// parser's own description. A copy that parses means the document does: it is then parsed from its
/// own text, so the document executed, its locations and its validation errors are exactly as before.
/// A document with a lone carriage return goes through the copy too: the parser counts it as a line
/// break but pictures the error with lines cut at line feeds only, and an error after one made it throw
/// IndexOutOfRangeException instead of a syntax error.
/// </summary>
public sealed class LongLineDocumentBuilder : IDocumentBuilder
{
    /// <summary>Lines up to this long are parsed directly: an error on them costs at most about a millisecond.</summary>
    public const int LongLine = 1_000;

    private readonly GraphQLDocumentBuilder _inner = new();

    public GraphQLDocument Build(string body)
    {
        if (TokenPerLineCopy.HasLineLongerThan(body, LongLine) || HasLoneCarriageReturn(body))
        {
            var copy = TokenPerLineCopy.Of(body);
            try
            {
                Parser.Parse(copy.Text, Options);
            }
            catch (GraphQLParserException ex)
            {
                throw new DocumentSyntaxError(ex.Description, copy.OriginalLocation(ex.Location));
            }
        }
        try
        {
            return _inner.Build(body);
        }
        catch (GraphQLMaxDepthExceededException ex) // GraphQL.NET lets this one through as it is
        {
            throw new DocumentSyntaxError(ex.Description, ex.Location);
        }
    }

    private static bool HasLoneCarriageReturn(string body)
    {
        for (var i = body.IndexOf('\r'); i >= 0; i = body.IndexOf('\r', i + 1))
        {
            if (i + 1 == body.Length || body[i + 1] != '\n') return true;
        }
        return false;
    }

    /// <summary>The parser options GraphQLDocumentBuilder uses by default.</summary>
    private static ParserOptions Options => new() { Ignore = IgnoreOptions.Comments };
}

/// <summary>
/// A syntax error as GraphQL.NET's SyntaxError reports it ("Error parsing query: ..." with code
/// SYNTAX_ERROR and the location), made without a GraphQLSyntaxErrorException, whose message would cost
/// what this class avoids.
/// </summary>
public sealed class DocumentSyntaxError : DocumentError
{
    public DocumentSyntaxError(string description, Location location)
        : base("Error parsing query: " + description)
    {
        Code = "SYNTAX_ERROR";
        AddLocation(location);
    }
}
