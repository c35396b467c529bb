using System.Security.Cryptography;
using CommunityJustice.Analytics.Ingest.Formats;
using CommunityJustice.Analytics.Ingest.Manifests;

namespace CommunityJustice.Analytics.Ingest.Sources;

/// <summary>
/// Supplies a manifest's file: the mirror copy when there is one, else a cached download, else a
/// fresh download from the official address, checked against the manifest's SHA-256 before it is
/// kept. (The loader checks the mirror copy's hash as it inspects the file.)
/// </summary>
public sealed class SourceFileStore(string? mirrorFolder, string cacheFolder, HttpClient? http = null)
{
    public string? MirrorFolder => mirrorFolder;

    public async Task<string> GetAsync(DatasetManifest manifest, CancellationToken cancellationToken)
    {
        // A transcribed edition's figures are in its manifest: its file is written from them, not fetched.
        if (SourceFormats.Find(manifest.Format)?.WriteFile(manifest, cacheFolder) is { } written) return written;

        if (mirrorFolder is not null)
        {
            var mirrored = Path.Combine(mirrorFolder, manifest.MirrorPath.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(mirrored)) return mirrored;
        }

        var cached = Path.Combine(cacheFolder, manifest.Code, manifest.Sha256, manifest.FileName);
        if (File.Exists(cached)) return cached;

        await DownloadAsync(manifest, cached, cancellationToken);
        return cached;
    }

    private async Task DownloadAsync(DatasetManifest manifest, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".part";
        var client = http ?? SharedClient.Value;
        try
        {
            using var response = await client.GetAsync(manifest.SourceUrl, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new IngestException($"No mirror copy of {manifest.MirrorPath} for dataset '{manifest.Code}', and downloading {manifest.SourceUrl} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");

            string actual;
            await using (var source = await response.Content.ReadAsStreamAsync(cancellationToken))
            await using (var file = File.Create(partial))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            if (actual != manifest.Sha256)
                throw new IngestException($"The file downloaded from {manifest.SourceUrl} has SHA-256 {actual}, but the manifest for '{manifest.Code}' expects {manifest.Sha256}. The publisher may have released a new edition: check it and update the manifest (sha256, editionDate).");
            File.Move(partial, target, overwrite: true);
        }
        catch (HttpRequestException e)
        {
            throw new IngestException($"No mirror copy of {manifest.MirrorPath} for dataset '{manifest.Code}', and downloading {manifest.SourceUrl} failed: {e.Message}", e);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient
    {
        Timeout = TimeSpan.FromMinutes(10),
        DefaultRequestHeaders = { { "User-Agent", "CommunityJustice.Analytics-ingest" } },
    });
}
