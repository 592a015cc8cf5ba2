using Homelab.NixGen.Tests.TestKit;
using Homelab.Testing;

namespace Homelab.NixGen.Tests.Scripts;

/// <summary>
/// Storm control and recovery: alerts/&lt;unit&gt;.state, the storm window, --success writing
/// status/&lt;unit&gt;.success and the one "recovered" message. Real bash and curl against the stand-in.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class AlertStormTests : IDisposable
{
    private const string Unit = "homelab-restic-b2.service";
    private readonly RenderedScripts _scripts = new();
    private readonly NotifyHost _host;
    private readonly FakeNtfyServer _ntfy = new();

    public AlertStormTests()
    {
        _host = new NotifyHost(_scripts);
        _host.Target("ops", _ntfy.Url, "alerts");
    }

    public void Dispose()
    {
        _ntfy.Dispose();
        _host.Dispose();
        _scripts.Dispose();
    }

    [Fact]
    public void Five_failures_within_the_window_send_one_alert_and_success_sends_one_recovered_message_with_the_count()
    {
        for (var i = 0; i < 5; i++)
        {
            var failure = _host.Notify(Unit);
            Assert.True(failure.ExitCode == 0, failure.ToString());
        }

        var alert = Assert.Single(_ntfy.Requests);
        Assert.EndsWith($": {Unit} failed", alert.Headers["Title"], StringComparison.Ordinal);
        var state = ReadState(Unit);
        Assert.Equal("5", state["count"]);
        Assert.Equal(state["first"], state["sent"]);

        var success = _host.Notify("--success", Unit);

        Assert.True(success.ExitCode == 0, success.ToString());
        Assert.Equal(2, _ntfy.Requests.Count);
        var recovered = _ntfy.Requests[1];
        Assert.EndsWith($": {Unit} recovered", recovered.Headers["Title"], StringComparison.Ordinal);
        Assert.Equal("white_check_mark", recovered.Headers["Tags"]);
        Assert.Equal("default", recovered.Headers["Priority"]);
        Assert.Matches($@"^[^\n]*: {Regex(Unit)} recovered at \S+Z after 5 failure\(s\) since {Regex(state["first"])}\n$", recovered.BodyText);
        Assert.False(File.Exists(_host.State($"alerts/{Unit}.state")));
        AssertStatusIsFresh(Unit);

        // Closed: the next success sends nothing, the next failure alerts at once.
        Assert.Equal(0, _host.Notify("--success", Unit).ExitCode);
        Assert.Equal(2, _ntfy.Requests.Count);
        Assert.Equal(0, _host.Notify(Unit).ExitCode);
        Assert.Equal(3, _ntfy.Requests.Count);
    }

    [Fact]
    public void After_the_window_the_next_alert_says_how_many_failures_happened_since_the_first()
    {
        _host.Environment["HOMELAB_ALERT_WINDOW"] = "2";
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, _host.Notify(Unit).ExitCode);
        }

        Assert.Single(_ntfy.Requests);
        var first = ReadState(Unit)["first"];
        Thread.Sleep(TimeSpan.FromSeconds(2.5));
        Assert.Equal(0, _host.Notify(Unit).ExitCode);

        Assert.Equal(2, _ntfy.Requests.Count);
        var firstLine = _ntfy.Requests[1].BodyText.Split('\n')[0];
        Assert.EndsWith($": {Unit} failed at {ReadState(Unit)["last"]} (failure 4 since {first})", firstLine, StringComparison.Ordinal);
        Assert.Equal("4", ReadState(Unit)["count"]);
    }

    [Fact]
    public void A_success_with_nothing_open_sends_nothing_and_writes_the_status_file_atomically()
    {
        var result = _host.Notify("--success", "homelab-syncoid-replica.service");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(_ntfy.Requests);
        AssertStatusIsFresh("homelab-syncoid-replica.service");
        Assert.Equal(["homelab-syncoid-replica.service.success"], Directory.GetFiles(_host.State("status")).Select(Path.GetFileName)); // no temporary file left
    }

    [Fact]
    public void A_recovered_message_that_cannot_be_delivered_is_spooled_like_an_alert()
    {
        _host.Environment["HOMELAB_ALERT_WINDOW"] = "3600";
        Assert.Equal(0, _host.Notify(Unit).ExitCode);
        _ntfy.StatusCode = 403;

        Assert.Equal(0, _host.Notify("--success", Unit).ExitCode);

        var entry = Assert.Single(_host.Spool());
        Assert.EndsWith($": {Unit} recovered", File.ReadAllText(_host.State($"spool/{entry}/title")), StringComparison.Ordinal);
        Assert.False(File.Exists(_host.State($"alerts/{Unit}.state")));
    }

    [Theory]
    [InlineData("../escape.service")]
    [InlineData("a/b.service")]
    [InlineData(".hidden.service")]
    [InlineData("new\nline.service")]
    public void A_name_that_is_not_a_unit_name_never_becomes_a_path(string name)
    {
        var success = _host.Notify("--success", name);
        var failure = _host.Notify(name);

        Assert.Equal(2, success.ExitCode);
        Assert.True(failure.ExitCode == 0, failure.ToString()); // the alert still goes out, without storm control
        Assert.Single(_ntfy.Requests);
        Assert.False(Directory.Exists(_host.State("status")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_host.StateDir)!, "escape.service.success")));
        Assert.Empty(Directory.Exists(_host.State("alerts")) ? Directory.GetFiles(_host.State("alerts"), "*.state", SearchOption.AllDirectories) : []);
    }

    private Dictionary<string, string> ReadState(string unit) =>
        File.ReadAllLines(_host.State($"alerts/{unit}.state")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private void AssertStatusIsFresh(string unit)
    {
        var text = File.ReadAllText(_host.State($"status/{unit}.success"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$", text);
        var time = DateTimeOffset.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow - time, TimeSpan.FromSeconds(-2), TimeSpan.FromSeconds(60));
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
