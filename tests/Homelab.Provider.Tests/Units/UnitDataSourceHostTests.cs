using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Units;

/// <summary>
/// <c>homelab_unit</c> in process against this machine (systemd installed, not PID 1): the
/// wrapper that runs systemctl really gives UTC timestamps in the C locale, and a status file
/// that holds no time is a warning and a null <c>last_success</c>, never a guess.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class UnitDataSourceHostTests : IDisposable
{
    private readonly TempDir _dir = new("hl-unit-ds");
    private readonly HostRegistry _registry;

    public UnitDataSourceHostTests()
    {
        _registry = new HostRegistry([new RemoteSettings { Name = "local", StateDir = _dir.File("state") }], "local");
    }

    public void Dispose() => _dir.Dispose();

    private static TfValue Config(string name) => TfValue.Object(UnitDataSourceSchema.Schema.ImpliedType,
        UnitDataSourceSchema.Schema.Block.Attributes.Select(a => KeyValuePair.Create(a.Name, a.Name == "name" ? TfValue.String(name) : TfValue.Null(a.Type))));

    [Fact]
    public async Task The_systemctl_wrapper_formats_times_in_utc_with_the_c_locale()
    {
        // The same wrapper, with date(1) in place of systemctl: both format with localtime/strftime.
        var remote = _registry.Get("local");
        var result = await remote.Connection.RunAsync(
            UtcCommand.For("date", ["-d", "@1796299200", "+%a %Y-%m-%d %H:%M:%S %Z"]), CancellationToken.None);

        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal("Thu 2026-12-03 12:00:00 UTC", result.Stdout.Trim());
        Assert.True(SystemctlShow.TryParseTimestamp(result.Stdout, out var time));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796299200), time);
    }

    [Fact]
    public async Task A_status_file_without_a_time_is_a_warning_and_null()
    {
        Directory.CreateDirectory(_dir.File("state/status"));
        File.WriteAllText(_dir.File("state/status/homelab-restic-x.service.success"), "last tuesday\n");
        var response = new DataSourceResponse();
        var diags = response.Diagnostics;

        await Configured().ReadAsync(new DataSourceReadRequest(Config("homelab-restic-x.timer"), _registry), response, CancellationToken.None);
        var state = response.State;

        Assert.NotNull(state);
        Assert.True(state!["last_success"].IsNull);
        Assert.Contains(diags, d => d.Severity == Severity.Warning && d.Summary == "Unreadable status file" && d.Detail.Contains("\"last tuesday\"", StringComparison.Ordinal));
        if (!Directory.Exists("/run/systemd/system"))
        {
            Assert.Equal(TfValue.False, state["systemd_running"]);
            Assert.Contains(diags, d => d.Severity == Severity.Warning && d.Summary == "systemd is not running");
        }
        Assert.DoesNotContain(diags, d => d.Severity == Severity.Error);
    }

    [Fact]
    public async Task An_unknown_remote_is_an_error_on_remote()
    {
        var config = Config("a.service").With("remote", TfValue.String("elsewhere"));
        var response = new DataSourceResponse();
        var diags = response.Diagnostics;

        await Configured().ReadAsync(new DataSourceReadRequest(config, _registry), response, CancellationToken.None);
        Assert.Null(response.State);

        var error = Assert.Single(diags);
        Assert.Equal(Severity.Error, error.Severity);
        Assert.Equal(AttrPath.Attribute("remote"), error.Path);
    }

    private UnitDataSource Configured()
    {
        var source = new UnitDataSource();
        source.Configure(_registry, new DiagnosticBag());
        return source;
    }
}
