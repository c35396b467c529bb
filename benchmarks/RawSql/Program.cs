// The raw-SQL floor of the API benchmark: runs one SQL file through Npgsql, either once, printing
// the rows as JSON (to check the figures against the GraphQL systems), or in a closed loop from N
// concurrent connections for a fixed time, printing requests/s and latency percentiles.
//
//   rawsql-bench print DATABASE_URL FILE.sql
//   rawsql-bench bench DATABASE_URL FILE.sql CONCURRENCY WARMUP_SECONDS DURATION_SECONDS
//
// bench prints one line: "requests=N rps=R p50_ms=A p99_ms=B errors=E". Each connection prepares
// the statement once and reads every row and column of each result, as a server would.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;

if (args.Length < 3 || args[0] is not ("print" or "bench") || (args[0] == "bench" && args.Length < 6))
{
    Console.Error.WriteLine("usage: rawsql-bench print DATABASE_URL FILE.sql | bench DATABASE_URL FILE.sql CONCURRENCY WARMUP_SECONDS DURATION_SECONDS");
    return 2;
}

var sql = File.ReadAllText(args[2]);
var connectionString = ToConnectionString(args[1]);
await using var dataSource = NpgsqlDataSource.Create(connectionString);

if (args[0] == "print")
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await using var reader = await command.ExecuteReaderAsync();
    var rows = new List<Dictionary<string, object?>>();
    while (await reader.ReadAsync())
    {
        var row = new Dictionary<string, object?>();
        for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        rows.Add(row);
    }
    Console.WriteLine(JsonSerializer.Serialize(rows));
    return 0;
}

var concurrency = int.Parse(args[3], CultureInfo.InvariantCulture);
var warmup = TimeSpan.FromSeconds(double.Parse(args[4], CultureInfo.InvariantCulture));
var duration = TimeSpan.FromSeconds(double.Parse(args[5], CultureInfo.InvariantCulture));

var connections = new List<NpgsqlConnection>();
for (var i = 0; i < concurrency; i++)
{
    var connection = await dataSource.OpenConnectionAsync();
    connections.Add(connection);
}

var start = Stopwatch.GetTimestamp();
var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
var stopAt = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
var errors = 0;

var workers = connections.Select(connection => Task.Run(async () =>
{
    var latencies = new List<long>(1 << 16);
    await using var command = new NpgsqlCommand(sql, connection);
    await command.PrepareAsync();
    while (true)
    {
        var begun = Stopwatch.GetTimestamp();
        if (begun >= stopAt) break;
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i)) _ = reader.GetValue(i);
                }
            }
        }
        catch (NpgsqlException)
        {
            Interlocked.Increment(ref errors);
            continue;
        }
        var ended = Stopwatch.GetTimestamp();
        if (begun >= measureFrom && ended <= stopAt) latencies.Add(ended - begun);
    }
    return latencies;
})).ToList();

var all = (await Task.WhenAll(workers)).SelectMany(l => l).ToArray();
foreach (var connection in connections) await connection.DisposeAsync();
Array.Sort(all);
double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
double Percentile(double p) => all.Length == 0 ? double.NaN : Ms(all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)]);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"requests={all.Length} rps={all.Length / duration.TotalSeconds:F1} p50_ms={Percentile(0.50):F2} p99_ms={Percentile(0.99):F2} errors={errors}"));
return 0;

// postgres://user[:password]@host[:port]/database, or an Npgsql connection string as it is.
static string ToConnectionString(string url)
{
    if (!url.StartsWith("postgres://", StringComparison.Ordinal) && !url.StartsWith("postgresql://", StringComparison.Ordinal)) return url;
    var uri = new Uri(url);
    var user = uri.UserInfo.Split(':', 2);
    var builder = new NpgsqlConnectionStringBuilder
    {
        Host = uri.Host,
        Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
        Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        Username = Uri.UnescapeDataString(user[0]),
        MaxPoolSize = 256,
    };
    if (user.Length > 1) builder.Password = Uri.UnescapeDataString(user[1]);
    return builder.ConnectionString;
}
