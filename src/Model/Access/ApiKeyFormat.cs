using System.Security.Cryptography;
using System.Text;

namespace CommunityJustice.Analytics.Model.Access;

/// <summary>
/// API keys: "cja_&lt;key id&gt;_&lt;secret&gt;", the key id 12 hex characters (public: names the key,
/// finds its row), the secret 32 random bytes (256 bits) in base64url. Only the SHA-256 of the
/// whole key is stored. A fast unsalted hash is enough here, unlike for passwords: the secret is
/// 256 bits from a cryptographic generator, so there is nothing to guess or precompute, and a
/// stolen table of hashes does not give the keys back.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "cja_";

    public sealed record NewKey(string Key, string KeyId, byte[] SecretHash);

    public static NewKey Generate()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = $"{Prefix}{keyId}_{secret}";
        return new NewKey(key, keyId, Hash(key));
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The key id of a key text of the right shape; null otherwise.</summary>
    public static string? KeyIdOf(string key)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length < Prefix.Length + 14 || key[Prefix.Length + 12] != '_') return null;
        var id = key.Substring(Prefix.Length, 12);
        return id.All(Uri.IsHexDigit) ? id.ToLowerInvariant() : null;
    }

    /// <summary>Whether a presented key matches a stored hash, in time independent of where they differ.</summary>
    public static bool Matches(string presented, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);

    /// <summary>"sha256:&lt;lower-case hex&gt;" of a document's UTF-8 text.</summary>
    public static string DocumentId(string document) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
