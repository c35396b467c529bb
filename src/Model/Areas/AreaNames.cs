using System.Globalization;
using System.Text;

namespace CommunityJustice.Analytics.Model.Areas;

public static class AreaNames
{
    /// <summary>
    /// Lower-cases, turns "&amp;" into "and", drops punctuation and folds runs of spaces, so that
    /// "Argyll &amp; Bute" and "argyll and bute" meet. Word order is kept: "Edinburgh, City of"
    /// needs its own alias.
    /// </summary>
    public static string Normalise(string name)
    {
        var text = name.Replace("&", " and ", StringComparison.Ordinal).Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0) builder.Append(' ');
                builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
                pendingSpace = false;
            }
            else if (c != '\'' && c != '’')
            {
                pendingSpace = true;
            }
        }
        return builder.ToString();
    }
}
