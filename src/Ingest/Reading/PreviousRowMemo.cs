namespace CommunityJustice.Analytics.Ingest.Reading;

/// <summary>
/// One column's text in the previous row it resolved, and what it resolved to. Statistics files come sorted (by area, period,
/// measure), so most rows repeat the previous row's area, period and measure: comparing a few characters costs less than
/// hashing them for a dictionary look-up. Only resolutions that succeeded are remembered; a text longer than the memo's
/// buffer is never remembered. One per reader (not thread-safe).
/// </summary>
internal sealed class PreviousRowMemo<T>
{
    private const int MaxChars = 128;

    private readonly char[] _text = new char[MaxChars];
    private int _length = -1;
    private T _value = default!;

    public bool TryGet(ReadOnlySpan<char> text, out T value)
    {
        if (text.Length == _length && text.SequenceEqual(_text.AsSpan(0, _length)))
        {
            value = _value;
            return true;
        }
        value = default!;
        return false;
    }

    public void Remember(ReadOnlySpan<char> text, T value)
    {
        if (text.Length > MaxChars)
        {
            _length = -1;
            return;
        }
        text.CopyTo(_text);
        _length = text.Length;
        _value = value;
    }
}
