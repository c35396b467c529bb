using System.Net;
using CommunityJustice.Analytics.Ingest.Watch;

namespace CommunityJustice.Analytics.Ingest.Tests.Watch;

/// <summary>The watcher's small rules: polling intervals, and how long a Retry-After asks it to wait.</summary>
public class WatchUnitTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    [InlineData("PT6H", 6 * 3600)]
    [InlineData("P1D", 86400)]
    [InlineData("PT30S", 30)]
    [InlineData("30m", 1800)]
    [InlineData("6h", 21600)]
    [InlineData("1d", 86400)]
    public void Intervals_are_ISO_8601_durations_or_a_number_with_a_unit(string text, int seconds)
    {
        Assert.True(PollInterval.TryParse(text, out var interval));
        Assert.Equal(TimeSpan.FromSeconds(seconds), interval);
    }

    [Theory]
    [InlineData("")]
    [InlineData("6")]
    [InlineData("every six hours")]
    [InlineData("PT0S")]
    [InlineData("0.1s")]
    public void Other_intervals_are_refused(string text)
    {
        Assert.False(PollInterval.TryParse(text, out _));
        Assert.Throws<IngestException>(() => PollInterval.Parse(text, "test"));
    }

    [Fact]
    public void Retry_After_is_honoured_as_seconds_or_an_HTTP_date_within_a_cap()
    {
        var now = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var time = new FixedTime(now);
        var max = TimeSpan.FromMinutes(10);
        using var seconds = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { { "Retry-After", "7" } } };
        using var date = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { { "Retry-After", now.AddSeconds(42).ToString("R") } } };
        using var past = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { { "Retry-After", now.AddMinutes(-1).ToString("R") } } };
        using var far = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { { "Retry-After", "86400" } } };
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromSeconds(7), ResilientDownloader.RetryAfter(seconds, max, time));
        Assert.Equal(TimeSpan.FromSeconds(42), ResilientDownloader.RetryAfter(date, max, time));
        Assert.Equal(TimeSpan.Zero, ResilientDownloader.RetryAfter(past, max, time));
        Assert.Equal(max, ResilientDownloader.RetryAfter(far, max, time));
        Assert.Null(ResilientDownloader.RetryAfter(none, max, time)); // falls back to exponential backoff with jitter
    }
}
