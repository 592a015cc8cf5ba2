using Homelab.NixGen.Tests.TestKit;
using Homelab.Testing;

namespace Homelab.NixGen.Tests.Scripts;

/// <summary>
/// Alerts are never lost: failure-notify.sh spools what ntfy cannot take and --retry delivers it,
/// oldest first, exactly once. Real bash and curl against the ntfy stand-in, stopped and restarted
/// on the same port.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class AlertSpoolTests : IDisposable
{
    private const string Token = "tk_spooled-token-never-stored";
    private readonly RenderedScripts _scripts = new();
    private readonly NotifyHost _host;
    private FakeNtfyServer _ntfy = new();

    public AlertSpoolTests()
    {
        _host = new NotifyHost(_scripts);
    }

    public void Dispose()
    {
        _ntfy.Dispose();
        _host.Dispose();
        _scripts.Dispose();
    }

    [Fact]
    public void An_alert_for_a_server_that_is_down_is_spooled_and_retry_delivers_it_exactly_once()
    {
        var tokenFile = _host.Write("secrets/token", Token);
        _host.Target("ops", _ntfy.Url, "alerts", $"NTFY_TOKEN_FILE={tokenFile}\n");
        var port = _ntfy.Port;
        _ntfy.Dispose(); // down: nothing listens on the port

        var failed = _host.Notify("homelab-syncoid-replica.service");

        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("spooled", failed.Stderr, StringComparison.Ordinal);
        var entry = Assert.Single(_host.Spool());
        var body = File.ReadAllText(_host.State($"spool/{entry}/body"));
        Assert.Matches(@"^[^\n]*: homelab-syncoid-replica\.service failed at (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\n", body);
        Assert.Equal("ops.env", File.ReadAllText(_host.State($"spool/{entry}/target")));
        foreach (var file in Directory.GetFiles(_host.State($"spool/{entry}")))
        {
            Assert.DoesNotContain(Token, File.ReadAllText(file), StringComparison.Ordinal); // the token is re-read at delivery
        }

        var stillDown = _host.Notify("--retry");
        Assert.NotEqual(0, stillDown.ExitCode);
        Assert.Single(_host.Spool());

        _ntfy = new FakeNtfyServer(port); // back up
        var retried = _host.Notify("--retry");

        Assert.True(retried.ExitCode == 0, retried.ToString());
        var request = Assert.Single(_ntfy.Requests);
        Assert.Equal("/alerts", request.Path);
        Assert.Equal($"Bearer {Token}", request.Headers["Authorization"]);
        Assert.EndsWith(": homelab-syncoid-replica.service failed", request.Headers["Title"], StringComparison.Ordinal);
        Assert.Equal(body, request.BodyText); // with the original time, not the time of delivery
        Assert.Empty(_host.Spool());

        var again = _host.Notify("--retry");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Single(_ntfy.Requests);
    }

    [Fact]
    public void Spooled_alerts_are_delivered_in_the_order_they_happened_and_new_ones_queue_behind_them()
    {
        _host.Target("ops", _ntfy.Url, "alerts");
        var port = _ntfy.Port;
        _ntfy.Dispose();

        _host.Notify("homelab-restic-b2.service");
        _host.Notify("homelab-syncoid-replica.service");
        Assert.Equal(2, _host.Spool().Count);

        _ntfy = new FakeNtfyServer(port);
        // A third failure while two are spooled: the server is up, but the new alert must not overtake them.
        var third = _host.Notify("homelab-sanoid.service");

        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Contains("queueing", third.Stderr, StringComparison.Ordinal);
        var titles = _ntfy.Requests.Select(r => r.Headers["Title"][(r.Headers["Title"].IndexOf(": ", StringComparison.Ordinal) + 2)..]).ToList();
        Assert.Equal(["homelab-restic-b2.service failed", "homelab-syncoid-replica.service failed", "homelab-sanoid.service failed"], titles);
        Assert.Empty(_host.Spool());
    }

    [Fact]
    public void Retry_keeps_the_order_per_target_and_still_delivers_to_targets_that_are_up()
    {
        using var other = new FakeNtfyServer();
        _host.Target("a-down", _ntfy.Url, "down");
        _host.Target("b-up", other.Url, "up");
        var port = _ntfy.Port;
        _ntfy.Dispose();
        other.StatusCode = 403; // up, but refusing (curl does not retry a 403): also not delivered

        _host.Notify("one.service");
        _host.Notify("two.service");
        Assert.Equal(4, _host.Spool().Count);

        other.StatusCode = 200;
        var partial = _host.Notify("--retry");

        Assert.NotEqual(0, partial.ExitCode); // a-down's two entries remain
        Assert.Equal(2, _host.Spool().Count);
        Assert.Equal(["/up", "/up", "/up", "/up"], other.Requests.Select(r => r.Path)); // one refused per run, then both accepted in order
        Assert.EndsWith("one.service failed", other.Requests[2].Headers["Title"], StringComparison.Ordinal);
        Assert.EndsWith("two.service failed", other.Requests[3].Headers["Title"], StringComparison.Ordinal);

        _ntfy = new FakeNtfyServer(port);
        Assert.Equal(0, _host.Notify("--retry").ExitCode);
        Assert.EndsWith("one.service failed", _ntfy.Requests[0].Headers["Title"], StringComparison.Ordinal);
        Assert.EndsWith("two.service failed", _ntfy.Requests[1].Headers["Title"], StringComparison.Ordinal);
        Assert.Equal(2, _ntfy.Requests.Count);
    }

    [Fact]
    public void An_entry_whose_target_was_removed_is_dropped()
    {
        _host.Target("gone", _ntfy.Url, "alerts");
        _ntfy.Dispose();
        _host.Notify("x.service");
        Assert.Single(_host.Spool());
        File.Delete(_host.State("ntfy/gone.env"));

        var result = _host.Notify("--retry");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("no longer exists", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_host.Spool());
    }

    [Fact]
    public void Retry_removes_entries_a_writer_never_finished_once_they_are_an_hour_old()
    {
        _host.Target("ops", _ntfy.Url, "alerts");
        var stale = Directory.CreateDirectory(_host.State("spool/.tmp.stale1")).FullName;
        File.WriteAllText(Path.Combine(stale, "target"), "ops.env");
        Directory.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));
        var young = Directory.CreateDirectory(_host.State("spool/.tmp.young1")).FullName;

        var result = _host.Notify("--retry");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(Directory.Exists(stale));
        Assert.True(Directory.Exists(young)); // perhaps still being written
        Assert.Empty(_ntfy.Requests); // unfinished entries are never sent
    }

    [Fact]
    public void A_nul_in_an_event_body_cuts_that_line_and_breaks_nothing()
    {
        _host.Target("ops", _ntfy.Url, "alerts");

        var result = _host.Run("failure-notify.sh", ["--event", "zfs-zed.service", "zed-nul", "pool tank io error"], stdin: "before\0after\nnext line\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        var body = Assert.Single(_ntfy.Requests).Body;
        Assert.DoesNotContain((byte)0, body);
        Assert.EndsWith("\nbefore\nnext line\n", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\nTitle: injected")]
    [InlineData("cr\rX-Evil: 1")]
    [InlineData("quote\"'%s %n\\")]
    [InlineData("line\u2028sep")]
    public void Hostile_text_in_a_spooled_title_or_body_survives_as_one_header_and_the_same_bytes(string hostile)
    {
        _host.Target("ops", _ntfy.Url, "alerts");
        var port = _ntfy.Port;
        _ntfy.Dispose();
        var unit = "evil-" + hostile;

        _host.Run("failure-notify.sh", ["--event", "zfs-zed.service", "zed-evil", "pool " + hostile], stdin: "body " + hostile + "\n");
        _host.Notify(unit);
        Assert.Equal(2, _host.Spool().Count);

        _ntfy = new FakeNtfyServer(port);
        Assert.Equal(0, _host.Notify("--retry").ExitCode);

        Assert.Equal(2, _ntfy.Requests.Count);
        var flat = hostile.Replace('\r', ' ').Replace('\n', ' ');
        // The stand-in reads header bytes as Latin-1: compare with the UTF-8 bytes curl sent.
        static string AsHeader(string text) => System.Text.Encoding.Latin1.GetString(System.Text.Encoding.UTF8.GetBytes(text));
        var first = _ntfy.Requests[0];
        Assert.EndsWith(AsHeader(": pool " + flat), first.Headers["Title"], StringComparison.Ordinal);
        Assert.False(first.Headers.ContainsKey("X-Evil"));
        Assert.EndsWith("body " + hostile + "\n", first.BodyText, StringComparison.Ordinal);
        Assert.EndsWith(AsHeader(": evil-" + flat + " failed"), _ntfy.Requests[1].Headers["Title"], StringComparison.Ordinal);
    }
}
