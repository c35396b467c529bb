using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CommunityJustice.Analytics.TestSupport;

/// <summary>
/// A PostgreSQL cluster of its own, for a test that stops and starts the server (the cluster of
/// <see cref="TestDatabase"/> is shared by the whole test run and must stay up). Made with the
/// machine's binaries as scripts/postgres.sh does: initdb (as the <c>postgres</c> user when root),
/// trust authentication, a free loopback port, data in a temporary folder removed on disposal.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _home;
    private readonly int _port;

    private ThrowawayPostgres(string bin, string home, int port)
    {
        _bin = bin;
        _home = home;
        _port = port;
    }

    private string Data => Path.Combine(_home, "data");

    /// <summary>A connection string for a database of this cluster.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "postgres", Database = database }.ConnectionString;

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")))
            : null;
        if (bin is null) throw new InvalidOperationException("No PostgreSQL binaries under /usr/lib/postgresql (scripts/postgres.sh installs them).");
        var home = Directory.CreateTempSubdirectory("cja-throwaway-pg-").FullName;
        if (IsRoot) await RunAsync("chown", ["postgres:postgres", home], asOwner: false);
        var server = new ThrowawayPostgres(bin, home, FreePort());
        await server.RunPgAsync("initdb", "-D", server.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8");
        await server.StartServerAsync();
        return server;
    }

    /// <summary>
    /// A streaming replica of this cluster, as an operator makes one: <c>pg_basebackup -R</c> (base
    /// backup plus standby.signal and primary_conninfo), then started as a hot standby on a port of its
    /// own. initdb's pg_hba.conf already lets loopback replication connections in.
    /// </summary>
    public async Task<ThrowawayPostgres> StartStandbyAsync()
    {
        var home = Directory.CreateTempSubdirectory("cja-throwaway-standby-").FullName;
        if (IsRoot) await RunAsync("chown", ["postgres:postgres", home], asOwner: false);
        var standby = new ThrowawayPostgres(_bin, home, FreePort());
        await standby.RunPgAsync("pg_basebackup", "-h", "127.0.0.1", "-p", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres",
            "-D", standby.Data, "-R", "-X", "stream", "-c", "fast");
        await standby.StartServerAsync();
        return standby;
    }

    /// <summary>Starts the server (again), waiting until it accepts connections.</summary>
    public Task StartServerAsync() => RunPgAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_home, "server.log"), "-w", "-t", "60",
        "-o", $"-p {_port} -c listen_addresses=127.0.0.1 -k {_home} -c fsync=off -c synchronous_commit=off", "start");

    /// <summary>Stops the server as an administrator would (fast shutdown: sessions are ended), waiting until it is down.</summary>
    public Task StopServerAsync() => RunPgAsync("pg_ctl", "-D", Data, "-m", "fast", "-w", "stop");

    public async Task CreateDatabaseAsync(string name)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunPgAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }
        Directory.Delete(_home, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunPgAsync(string tool, params string[] arguments) => RunAsync(Path.Combine(_bin, tool), arguments, asOwner: true);

    private static async Task RunAsync(string file, string[] arguments, bool asOwner)
    {
        var start = asOwner && IsRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. arguments]) : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}{await output}");
    }
}
