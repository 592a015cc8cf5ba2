using Homelab.Testing;

namespace Homelab.NixGen.Tests.TestKit;

/// <summary>
/// A state dir for the rendered failure-notify.sh (and the scripts that call it): runs the script
/// under bash with <c>HOMELAB_STATE_DIR</c> pointing here and systemd reported as not running.
/// </summary>
internal sealed class NotifyHost : IDisposable
{
    private readonly TempDir _state = new("hl-notify");

    public NotifyHost(RenderedScripts scripts)
    {
        Scripts = scripts;
    }

    public RenderedScripts Scripts { get; }

    public string StateDir => _state.Path;

    /// <summary>Extra environment for every run (e.g. <c>HOMELAB_ALERT_WINDOW</c>).</summary>
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    public string State(string relative) => _state.Combine(relative);

    public string Write(string relative, string content) => _state.Write(relative, content);

    /// <summary>An ntfy target file <c>ntfy/NAME.env</c> posting to <paramref name="url"/>/<paramref name="topic"/>.</summary>
    public void Target(string name, string url, string topic, string extra = "") =>
        _state.Write($"ntfy/{name}.env", $"NTFY_URL={url}\nNTFY_TOPIC={topic}\n{extra}");

    /// <summary>The spool entries (directory names), oldest first.</summary>
    public IReadOnlyList<string> Spool() => Directory.Exists(State("spool"))
        ? [.. Directory.GetDirectories(State("spool"), "*.alert").Select(Path.GetFileName).Order(StringComparer.Ordinal)!]
        : [];

    public ProcessResult Notify(params string[] args) => Run("failure-notify.sh", args);

    public ProcessResult Run(string script, IEnumerable<string> args, string? stdin = null, IReadOnlyDictionary<string, string?>? more = null)
    {
        var environment = new Dictionary<string, string?>(Environment, StringComparer.Ordinal)
        {
            ["HOMELAB_STATE_DIR"] = StateDir,
            ["HOMELAB_SYSTEMD_RUNTIME_DIR"] = _state.Combine("no-systemd-here"),
        };
        foreach (var (k, v) in more ?? new Dictionary<string, string?>())
        {
            environment[k] = v;
        }

        return ProcessRunner.Run("bash", [Scripts.PathOf(script), .. args], null, environment, stdin: stdin);
    }

    public void Dispose() => _state.Dispose();
}
