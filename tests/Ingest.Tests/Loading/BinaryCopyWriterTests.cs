using System.Globalization;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.TestSupport;
using Npgsql;
using Xunit;

namespace CommunityJustice.Analytics.Ingest.Tests.Loading;

/// <summary>
/// The hand-written binary COPY (<see cref="BinaryCopyWriter"/>, <see cref="PostgresBinary"/>) read back by PostgreSQL
/// itself: each value is copied beside its text form, and the server's parse of that text must give the same value.
/// </summary>
public class BinaryCopyWriterTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    // As text, so that scale and sign survive into the test's name (xunit would show 0, -0m and 0.000000m alike) and so
    // that PostgreSQL's parse of the same text is the reference.
    private static readonly string[] Values =
    [
        "0", "-0", "0.000000", "-0.00", "1", "-1", "0.5", "-0.5", "1.50", "0.000001", "-0.000001", "0.0001", "0.00001", "10000", "100000000",
        "12345678.9", "123456.789012", "-42.000100", "999999999999.999999", "-999999999999.999999", "7.1234567", "-7.1234565",
        "0.0000000000000000000000000001", "18446744073709551.615", "7922816251426433759354395.0335",
        "79228162514264337593543950335", "-79228162514264337593543950335",
    ];

    public static TheoryData<string> Numbers => new(Values);

    /// <summary>The values observations.value, numerator and denominator (numeric(18,6)) can hold; the readers reject larger ones.</summary>
    public static TheoryData<string> ObservationNumbers => new(Values.Where(v => Math.Abs(Parse(v)) <= 999_999_999_999.999999m));

    private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Numbers))]
    public async Task A_decimal_arrives_as_the_numeric_its_text_gives(string text)
    {
        var value = Parse(text);
        await using var connection = await CopyNumberBesideItsTextAsync("n numeric", value, text);

        // Same value and same scale (1.50 stays 1.50) as PostgreSQL's own reading of the text.
        Assert.Equal((true, true), await ScalarAsync<(bool, bool)>(connection, "SELECT n = t::numeric, scale(n) = scale(t::numeric) FROM copied"));
        Assert.Equal(value, await ScalarAsync<decimal>(connection, "SELECT n FROM copied"));
    }

    [Theory]
    [MemberData(nameof(ObservationNumbers))]
    public async Task A_decimal_in_an_observation_column_is_rounded_as_PostgreSQL_rounds_its_text(string text)
    {
        var value = Parse(text);
        await using var connection = await CopyNumberBesideItsTextAsync("n numeric(18,6)", value, text);

        Assert.True(await ScalarAsync<bool>(connection, "SELECT n::text = t::numeric(18,6)::text FROM copied"));
    }

    /// <summary>Copies one row into a new table: the value through <see cref="BinaryCopyWriter.WriteNumeric"/> into column n, and its text beside it.</summary>
    private async Task<NpgsqlConnection> CopyNumberBesideItsTextAsync(string column, decimal value, string text)
    {
        var connection = await OpenWithTableAsync(column + ", t text");
        await CopyAsync(connection, "COPY copied (n, t) FROM STDIN (FORMAT BINARY)", writer =>
        {
            writer.StartRow(2);
            writer.WriteNumeric(value);
            writer.WriteText(text);
        });
        return connection;
    }

    [Fact]
    public async Task A_missing_decimal_is_null_not_zero()
    {
        await using var connection = await OpenWithTableAsync("n numeric(18,6), t text");
        await CopyAsync(connection, "COPY copied (n, t) FROM STDIN (FORMAT BINARY)", writer =>
        {
            writer.StartRow(2);
            writer.WriteNumeric((decimal?)null);
            writer.WriteText(null);
        });

        Assert.Equal(1, await ScalarAsync<long>(connection, "SELECT count(*) FROM copied WHERE n IS NULL AND t IS NULL"));
    }

    [Fact]
    public async Task Dates_arrive_as_the_dates_their_text_gives()
    {
        DateOnly[] dates = [new(2000, 1, 1), new(1999, 12, 31), new(2000, 1, 2), new(1800, 4, 1), new(2024, 2, 29), new(1, 1, 1), new(9999, 12, 31)];
        await using var connection = await OpenWithTableAsync("d date, t text");
        await CopyAsync(connection, "COPY copied (d, t) FROM STDIN (FORMAT BINARY)", writer =>
        {
            foreach (var date in dates)
            {
                writer.StartRow(2);
                writer.WriteField(BinaryCopyWriter.DateField(date));
                writer.WriteText(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        });

        Assert.Equal(0, await ScalarAsync<long>(connection, "SELECT count(*) FROM copied WHERE d IS DISTINCT FROM t::date"));
        Assert.Equal(dates.Order(), await ListAsync<DateOnly>(connection, "SELECT d FROM copied ORDER BY d"));
    }

    [Fact]
    public async Task Text_keeps_every_character_whether_encoded_once_or_each_time()
    {
        string[] texts = ["S12000019", "Na h-Eileanan Siar", "Comhairle nan Eilean Siar – Ñ ü ß", "😀 emoji", "", new string('x', 300_000)];
        await using var connection = await OpenWithTableAsync("line int, a text, b text");
        await CopyAsync(connection, "COPY copied (line, a, b) FROM STDIN (FORMAT BINARY)", writer =>
        {
            for (var round = 0; round < 2; round++)
            {
                for (var i = 0; i < texts.Length; i++)
                {
                    writer.StartRow(3);
                    writer.WriteField(BinaryCopyWriter.Int32Field(round * texts.Length + i));
                    writer.WriteRepeatedText(texts[i]);
                    writer.WriteText(texts[i]);
                }
            }
        });

        Assert.Equal([.. texts, .. texts], await ListAsync<string>(connection, "SELECT a FROM copied ORDER BY line"));
        Assert.Equal(0, await ScalarAsync<long>(connection, "SELECT count(*) FROM copied WHERE a IS DISTINCT FROM b"));
    }

    [Fact]
    public async Task Many_rows_across_buffer_flushes_all_arrive_in_order()
    {
        const int rows = 50_000;
        await using var connection = await OpenWithTableAsync("line bigint, n numeric(18,6)");
        await using (var writer = await BinaryCopyWriter.BeginAsync(connection, "COPY copied (line, n) FROM STDIN (FORMAT BINARY)", CancellationToken.None))
        {
            for (var i = 0; i < rows; i++)
            {
                writer.StartRow(2);
                writer.WriteInt64(i);
                writer.WriteNumeric(i / 8m);
                await writer.EndRowAsync(CancellationToken.None);
            }
            await writer.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal((rows, rows - 1, (rows - 1) / 8m * rows / 2), await ScalarAsync<(long, long, decimal)>(connection, "SELECT count(*), max(line), sum(n) FROM copied"));
    }

    [Fact]
    public async Task A_copy_abandoned_before_completion_stores_nothing_and_leaves_the_connection_usable()
    {
        await using var connection = await OpenWithTableAsync("line bigint");
        await using (var writer = await BinaryCopyWriter.BeginAsync(connection, "COPY copied (line) FROM STDIN (FORMAT BINARY)", CancellationToken.None))
        {
            for (var i = 0; i < 20_000; i++)
            {
                writer.StartRow(1);
                writer.WriteInt64(i);
                await writer.EndRowAsync(CancellationToken.None);
            }
        }

        Assert.Equal(0, await ScalarAsync<long>(connection, "SELECT count(*) FROM copied"));
    }

    private async Task<NpgsqlConnection> OpenWithTableAsync(string columns)
    {
        var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE TEMP TABLE copied ({columns})", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string sql, Action<BinaryCopyWriter> write)
    {
        await using var writer = await BinaryCopyWriter.BeginAsync(connection, sql, CancellationToken.None);
        write(writer);
        await writer.CompleteAsync(CancellationToken.None);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        if (reader.FieldCount == 1) return reader.GetFieldValue<T>(0);
        var values = new object[reader.FieldCount];
        reader.GetValues(values);
        return (T)Activator.CreateInstance(typeof(T), values)!;
    }

    private static async Task<List<T>> ListAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync()) values.Add(reader.GetFieldValue<T>(0));
        return values;
    }
}
