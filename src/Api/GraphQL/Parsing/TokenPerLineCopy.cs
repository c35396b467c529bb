using System.Text;
using GraphQLParser;

namespace CommunityJustice.Analytics.Api.GraphQL.Parsing;

/// <summary>
/// A copy of a GraphQL document with each token on a line of its own, and the way back from a place
/// in the copy to the same place in the document. The parser's syntax error message shows the source
/// with a caret under the error, padded by a loop that costs the square of the error's column: a
/// column of 62,000 takes seconds (LongLineDocumentBuilder says more). In the copy a parse error is at
/// most a token's length from the start of its line; an error deep inside one long token (a 100,000
/// character string with a bad escape near its end) is given a line of its own too, by restarting the
/// token just before the offending character (<c>"</c>, <c>"""</c>, <c>#</c> or <c>0.</c>/<c>0e</c>),
/// so the parser reports it with its own words at the same place.
/// </summary>
/// <remarks>
/// Token boundaries follow GraphQL-Parser 9.5's lexer (LexerContext) rule for rule: ignored characters
/// (BOM, tab, space, line breaks, comma), punctuators, names, numbers, strings, block strings (with
/// <c>\"""</c>), comments (in which this lexer also reads escape sequences). At the first character the
/// lexer would refuse, the rest of the document is copied unchanged, so the parser meets that error
/// itself. The copy is only ever used to find a syntax error: a document whose copy parses is parsed
/// again from its own text.
/// </remarks>
public sealed class TokenPerLineCopy
{
    /// <summary>How far into a token an error may lie before the token is restarted on a line of its own.</summary>
    public const int RestartAfter = 256;

    private readonly string _original;
    private readonly List<(int CopyStart, int OriginalStart, int Length)> _pieces;

    private TokenPerLineCopy(string original, string text, List<(int, int, int)> pieces)
    {
        _original = original;
        Text = text;
        _pieces = pieces;
    }

    /// <summary>The copy: the document's tokens, one per line.</summary>
    public string Text { get; }

    /// <summary>Whether any line of the document (lines as the parser counts them) is longer than <paramref name="limit"/> characters.</summary>
    public static bool HasLineLongerThan(string document, int limit)
    {
        var lineStart = 0;
        for (var i = 0; i < document.Length; i++)
        {
            var c = document[i];
            if (c is not ('\n' or '\r')) continue;
            if (i - lineStart > limit) return true;
            lineStart = i + 1;
        }
        return document.Length - lineStart > limit;
    }

    public static TokenPerLineCopy Of(string document) => new Builder(document).Build();

    /// <summary>The place in the document of a place (as the parser reports it) in the copy.</summary>
    public Location OriginalLocation(Location inCopy)
    {
        var copyPosition = Position(Text, inCopy);
        int originalPosition;
        if (copyPosition >= Text.Length)
        {
            originalPosition = _original.Length + (copyPosition - Text.Length);
        }
        else
        {
            // The last piece starting at or before the position; a character the copy added (a line break,
            // a restart) belongs to the document's next character.
            var index = _pieces.FindLastIndex(p => p.CopyStart <= copyPosition);
            if (index >= 0 && copyPosition < _pieces[index].CopyStart + _pieces[index].Length)
                originalPosition = _pieces[index].OriginalStart + (copyPosition - _pieces[index].CopyStart);
            else
                originalPosition = index + 1 < _pieces.Count ? _pieces[index + 1].OriginalStart : _original.Length;
        }
        return Location.FromLinearPosition(_original, originalPosition);
    }

    /// <summary>The linear position of a location, undoing Location.FromLinearPosition (which counts "\r\n" as one line break, and a line break at the position itself as a column).</summary>
    private static int Position(string text, Location location)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length && line < location.Line; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }
        return lineStart + location.Column - 1;
    }

    private sealed class Builder(string source)
    {
        private readonly StringBuilder _copy = new(source.Length + source.Length / 4);
        private readonly List<(int, int, int)> _pieces = [];

        public TokenPerLineCopy Build()
        {
            var i = 0;
            while (true)
            {
                i = AfterIgnored(i);
                if (i >= source.Length) break;
                var (end, problem) = Token(i);
                if (problem is { } at)
                {
                    CopyRestFrom(i, at);
                    break;
                }
                if (_copy.Length > 0) _copy.Append('\n');
                Copy(i, end - i);
                i = end;
            }
            return new TokenPerLineCopy(source, _copy.ToString(), _pieces);
        }

        private int AfterIgnored(int i)
        {
            while (i < source.Length && source[i] is '\uFEFF' or '\t' or ' ' or '\n' or '\r' or ',') i++;
            return i;
        }

        private char At(int i) => i < source.Length ? source[i] : '\0';

        /// <summary>The end of the token starting at <paramref name="start"/>, or where the lexer would refuse it.</summary>
        private (int End, int? Problem) Token(int start)
        {
            var c = source[start];
            switch (c)
            {
                case '!' or '$' or '(' or ')' or ':' or '=' or '@' or '&' or '[' or ']' or '{' or '}' or '|':
                    return (start + 1, null);
                case '.':
                    return At(start + 1) == '.' && At(start + 2) == '.' ? (start + 3, null) : (start, start);
                case '#':
                    return Comment(start);
                case '"':
                    return start + 2 < source.Length && source[start + 1] == '"' && source[start + 2] == '"'
                        ? BlockString(start)
                        : String(start);
                case '-' or (>= '0' and <= '9'):
                    return Number(start);
                case '_' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'):
                    var end = start + 1;
                    while (end < source.Length && source[end] is '_' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')) end++;
                    return (end, null);
                default: // a control character or one that starts no token
                    return (start, start);
            }
        }

        /// <summary>Where an escape sequence starting with the backslash at <paramref name="backslash"/> ends, or null if the lexer refuses it.</summary>
        private int? EscapeEnd(int backslash) => At(backslash + 1) switch
        {
            '"' or '/' or '\\' or 'b' or 'f' or 'n' or 'r' or 't' => backslash + 2,
            'u' when backslash + 6 <= source.Length && source.AsSpan(backslash + 2, 4).ContainsAnyExcept(HexDigits) is false => backslash + 6,
            _ => null,
        };

        private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

        private (int, int?) Comment(int start)
        {
            var i = start + 1;
            while (i < source.Length && source[i] is not ('\n' or '\r'))
            {
                if (source[i] != '\\') { i++; continue; }
                if (EscapeEnd(i) is not { } next) return (i, i);
                i = next;
            }
            // The lexer ends a comment one character after it (the line break, or beyond the end).
            return (Math.Min(i + 1, source.Length), null);
        }

        private (int, int?) String(int start)
        {
            var i = start + 1;
            while (i < source.Length && source[i] is not ('\n' or '\r' or '"'))
            {
                if (source[i] < ' ' && source[i] != '\t') return (i, i);
                if (source[i] != '\\') { i++; continue; }
                if (EscapeEnd(i) is not { } next) return (i, i);
                i = next;
            }
            return i < source.Length && source[i] == '"' ? (i + 1, null) : (i, i);
        }

        private (int, int?) BlockString(int start)
        {
            var i = start + 3;
            var escaped = false; // the previous character was a backslash: a """ here is part of the string
            while (i < source.Length)
            {
                var c = source[i];
                if (c < ' ' && c is not ('\t' or '\n' or '\r')) return (i, i);
                if (c == '"' && i + 2 < source.Length && source[i + 1] == '"' && source[i + 2] == '"')
                {
                    if (!escaped) return (i + 3, null);
                    i += 3;
                    escaped = false;
                    continue;
                }
                escaped = c == '\\';
                i++;
            }
            return (i, i);
        }

        private (int, int?) Number(int start)
        {
            var i = start;
            if (source[i] == '-') i++;
            if (At(i) == '0')
            {
                i++;
                if (char.IsAsciiDigit(At(i))) return (i, i);
            }
            else if (Digits(ref i) is { } problem)
            {
                return (i, problem);
            }
            if (At(i) == '.')
            {
                i++;
                if (Digits(ref i) is { } problem) return (i, problem);
            }
            if (At(i) is 'e' or 'E')
            {
                i++;
                if (At(i) is '+' or '-') i++;
                if (Digits(ref i) is { } problem) return (i, problem);
            }
            return (i, null);
        }

        private int? Digits(ref int i)
        {
            if (!char.IsAsciiDigit(At(i))) return i;
            while (char.IsAsciiDigit(At(i))) i++;
            return null;
        }

        /// <summary>
        /// From a token the lexer will refuse at <paramref name="problem"/>, the rest of the document as it is,
        /// on a new line: from the token's start if the problem is near it, else from the problem, behind the
        /// few characters that put the lexer in the same state there.
        /// </summary>
        private void CopyRestFrom(int tokenStart, int problem)
        {
            if (_copy.Length > 0) _copy.Append('\n');
            var from = tokenStart;
            if (problem - tokenStart > RestartAfter)
            {
                _copy.Append(Restart(tokenStart, problem));
                from = problem;
            }
            Copy(from, source.Length - from);
        }

        private string Restart(int tokenStart, int problem) => source[tokenStart] switch
        {
            '#' => "#",
            '"' when source.AsSpan(tokenStart).StartsWith("\"\"\"") => "\"\"\"",
            '"' => "\"",
            // A number is refused only where a digit must follow '-', '.', 'e' or its sign.
            _ => "0" + (source[problem - 1] is '+' or '-' ? source.Substring(problem - 2, 2) : source.Substring(problem - 1, 1)),
        };

        private void Copy(int start, int length)
        {
            if (length == 0) return;
            _pieces.Add((_copy.Length, start, length));
            _copy.Append(source, start, length);
        }
    }
}
