using CommunityJustice.Analytics.Api.Data;
using Npgsql;

namespace CommunityJustice.Analytics.Api.Tests.Data;

/// <summary>The API's Npgsql defaults apply only where the operator's connection string is silent.</summary>
public sealed class ConnectionDefaultsTests
{
    [Fact]
    public void Defaults_fill_in_what_the_connection_string_does_not_say()
    {
        var settings = new NpgsqlConnectionStringBuilder(DatabaseRegistration.WithApiDefaults("Host=db;Database=cja;Username=app"));
        Assert.Equal((64, 2, true), (settings.MaxAutoPrepare, settings.AutoPrepareMinUsages, settings.NoResetOnClose));
        Assert.Equal(("db", "cja", "app"), (settings.Host, settings.Database, settings.Username));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;maxautoprepare=0;NoResetOnClose=false")]
    public void Settings_the_operator_gives_are_kept(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(DatabaseRegistration.WithApiDefaults(connectionString));
        Assert.Equal((0, false), (settings.MaxAutoPrepare, settings.NoResetOnClose));
    }
}
