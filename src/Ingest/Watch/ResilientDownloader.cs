using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CommunityJustice.Analytics.Ingest.Watch;

/// <summary>How hard the watcher tries each poll.</summary>
public sealed record RetrySettings
{
    /// <summary>Retries after the first attempt, on transient failures only (5xx, 408, 429, network errors, attempt timeouts).</summary>
    public int MaxRetries { get; init; } = 4;
    /// <summary>First backoff delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>The longest Retry-After the watcher waits; a longer one is cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>Each attempt (request, headers and the whole body) must finish within this.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(2);
}

public enum DownloadStatus
{
    /// <summary>200: the body is in <see cref="DownloadResult.FilePath"/>.</summary>
    Downloaded,
    /// <summary>304: the file is as the validators sent say it was.</summary>
    NotModified,
    /// <summary>A non-transient answer, or a transient one that outlasted the retries.</summary>
    Failed,
}

public sealed record DownloadResult(DownloadStatus Status, int Attempts)
{
    public string? FilePath { get; init; }
    public string? Sha256 { get; init; }
    public long Length { get; init; }
    public string? ETag { get; init; }
    public DateTimeOffset? LastModified { get; init; }
    public HttpStatusCode? StatusCode { get; init; }
    public string? Error { get; init; }
}

/// <summary>
/// GETs a source file through a Polly pipeline built from Microsoft.Extensions.Http.Resilience's HTTP
/// strategy options: retries with exponential backoff and jitter on transient failures (its
/// <see cref="HttpClientResiliencePredicates"/>: 5xx, 408, 429, <see cref="HttpRequestException"/>,
/// attempt timeouts), a wait of the server's Retry-After (seconds or an HTTP date) when it gives one,
/// and a timeout per attempt that covers the body as well as the headers. Sends If-None-Match /
/// If-Modified-Since when it has validators, so an unchanged file costs a 304 and no body.
/// </summary>
public sealed class ResilientDownloader
{
    private static readonly ResiliencePropertyKey<string> Label = new("cja.watch.label");
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _time;

    public ResilientDownloader(HttpClient http, RetrySettings settings, Action<string> log, TimeProvider? time = null)
    {
        _http = http;
        _time = time ?? TimeProvider.System;
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = settings.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.BaseDelay,
            MaxDelay = settings.MaxDelay,
            // Retry-After when the server sends one (null falls back to the backoff above).
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, settings.MaxRetryAfter, _time)),
            OnRetry = args =>
            {
                var label = args.Context.Properties.GetValue(Label, "");
                var why = args.Outcome.Exception is { } e ? Describe(e) : $"HTTP {(int)args.Outcome.Result!.StatusCode} {args.Outcome.Result.ReasonPhrase}";
                var after = args.Outcome.Result?.Headers.RetryAfter is { } header ? $" (Retry-After: {header})" : " (backoff)";
                log(string.Create(CultureInfo.InvariantCulture,
                    $"{label}: attempt {args.AttemptNumber + 1} failed: {why}; retrying in {args.RetryDelay.TotalSeconds:0.0} s{after}"));
                return ValueTask.CompletedTask;
            },
        };
        var timeout = new HttpTimeoutStrategyOptions { Timeout = settings.AttemptTimeout };
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time };
        // Polly requires at least one retry of a retry strategy; --retries 0 means none at all.
        if (settings.MaxRetries > 0) builder.AddRetry(retry);
        _pipeline = builder.AddTimeout(timeout).Build();
    }

    /// <summary>A client for the watcher: no overall timeout of its own (each attempt has one), decompression on.</summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { { "User-Agent", "CommunityJustice.Analytics-ingest-watch" } },
    };

    /// <summary>
    /// Fetches <paramref name="url"/> into <paramref name="partialPath"/> (the caller moves or deletes it).
    /// Never throws for HTTP or network failures: they come back as <see cref="DownloadStatus.Failed"/>.
    /// </summary>
    public async Task<DownloadResult> GetAsync(string label, Uri url, SourceValidators? validators, string partialPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(partialPath)!);
        var attempts = 0;
        (string Sha256, long Length)? body = null;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Label, label);
        try
        {
            using var response = await _pipeline.ExecuteAsync(async ctx =>
            {
                attempts++;
                body = null;
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (validators?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag)) request.Headers.IfNoneMatch.Add(tag);
                if (validators?.LastModified is { } lastModified) request.Headers.IfModifiedSince = lastModified;
                var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken);
                if (response.StatusCode != HttpStatusCode.OK) return response;
                try
                {
                    body = await SaveAsync(response, partialPath, ctx.CancellationToken);
                    return response;
                }
                catch (IOException e)
                {
                    // The connection broke mid-body: a transient failure like any other, so the attempt is retried.
                    response.Dispose();
                    throw new HttpRequestException($"the connection failed while the file was read: {e.Message}", e);
                }
            }, context);

            var result = new DownloadResult(DownloadStatus.Failed, attempts) { StatusCode = response.StatusCode };
            if (response.StatusCode == HttpStatusCode.NotModified) return result with { Status = DownloadStatus.NotModified };
            if (response.StatusCode != HttpStatusCode.OK || body is null)
                return result with { Error = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}{(IsTransient(response.StatusCode) ? $" after {attempts} attempts" : "")}" };
            return result with
            {
                Status = DownloadStatus.Downloaded,
                FilePath = partialPath,
                Sha256 = body.Value.Sha256,
                Length = body.Value.Length,
                ETag = response.Headers.ETag?.ToString(),
                LastModified = response.Content.Headers.LastModified,
            };
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            return new DownloadResult(DownloadStatus.Failed, attempts) { Error = $"{Describe(e)} after {attempts} attempt{(attempts == 1 ? "" : "s")}" };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The wait a Retry-After header asks for (delta seconds or an HTTP date), within [0, max]; null when there is none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan max, TimeProvider time)
    {
        if (response?.Headers.RetryAfter is not { } header) return null;
        var wait = header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : null);
        if (wait is null) return null;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static string Describe(Exception e) => e switch
    {
        TimeoutRejectedException t => $"no complete answer within {t.Timeout.TotalSeconds:0} s",
        HttpRequestException { InnerException: { } inner } h when inner is not HttpRequestException => $"{h.Message} ({inner.Message})",
        _ => e.Message,
    };

    private static async Task<(string Sha256, long Length)> SaveAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long length = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            length += read;
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
    }
}
