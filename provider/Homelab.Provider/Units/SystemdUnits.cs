using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Host;

namespace Homelab.Provider.Units;

/// <summary>
/// Installs and removes the provider's unit files (docs/design/units.md): files go to
/// <c>&lt;state&gt;/units</c> through <see cref="StateDirectory"/> (atomic, host-locked), are
/// symlinked into <c>/run/systemd/system</c> (the same place the foundation's
/// <c>homelab-units.service</c> links them at boot), then systemd reloads and the timers (re)start.
/// When systemd is not running on the host (no <c>/run/systemd/system</c>: containers, CI), only
/// the files are written and a warning sentence is returned for a diagnostic.
/// One instance per call; cheap.
/// </summary>
internal sealed class SystemdUnits
{
    /// <summary>
    /// Shell function <c>trusted PATH</c>, put in front of the scripts that write or link units:
    /// systemd runs what the linked files say as root (and the foundation links
    /// <c>&lt;state&gt;/units/*</c> at every boot), so whoever can change a file, its directory or a
    /// directory above it can make root run code. Each existing path and every ancestor (also of
    /// its resolved path) must be owned by root or by the user the provider runs as (root with
    /// sudo; a non-root login user without sudo owns its own files and could write them anyway),
    /// and must not be writable by group or others, except an ancestor with the sticky bit
    /// (<c>/tmp</c>), where nobody else can rename entries. Exits 6 with the reason otherwise.
    /// </summary>
    private const string TrustCheck = """
        trusted_one() {
          [ -e "$1" ] || [ -L "$1" ] || return 0
          owner=$(stat -c %u -- "$1") mode=$(stat -c %a -- "$1")
          if [ "$owner" != 0 ] && [ "$owner" != "$(id -u)" ]; then
            echo "$1 is owned by uid $owner, not by root (or the user the provider runs as): that user could make root run any command through the unit files. Fix: chown root $1" >&2; exit 6
          fi
          [ -L "$1" ] && return 0
          if [ $((0$mode & 022)) -ne 0 ] && { [ "$2" = self ] || [ $((0$mode & 01000)) -eq 0 ]; }; then
            echo "$1 is writable by group or others (mode $mode): anyone who can write there can make root run any command through the unit files. Fix: chmod go-w $1" >&2; exit 6
          fi
        }
        trusted() {
          for t in "$1" "$(readlink -f -- "$1" 2>/dev/null || printf '%s' "$1")"; do
            trusted_one "$t" self
            a=$t
            while [ "$a" != / ] && [ -n "$a" ]; do a=$(dirname -- "$a"); trusted_one "$a" ancestor; done
          done
        }

        """;

    /// <summary>
    /// Fixed script; arguments: units dir, file names. Checks the units dir and the files with
    /// <see cref="TrustCheck"/> before anything is written into them.
    /// </summary>
    private const string PreflightScript = TrustCheck + """
        set -eu
        units=$1
        shift
        trusted "$units"
        for f in "$@"; do trusted "$units/$f"; done
        """;

    /// <summary>
    /// Fixed script; arguments: units dir, runtime dir, file names. Checks the files again with
    /// <see cref="TrustCheck"/> (they are what systemd will load). Prints "no-systemd" when systemd
    /// does not run. Never replaces a file or link it did not create (exit 4).
    /// </summary>
    private const string LinkScript = TrustCheck + """
        set -eu
        units=$1 run=$2
        shift 2
        trusted "$units"
        for f in "$@"; do trusted "$units/$f"; done
        [ -d "$run" ] || { echo no-systemd; exit 0; }
        for f in "$@"; do
          src="$units/$f" dst="$run/$f"
          case "$f" in */*) mkdir -p -- "$(dirname -- "$dst")" ;; esac
          if [ -L "$dst" ]; then
            case "$(readlink -- "$dst")" in
              "$units"/*) ;;
              *) echo "$dst is a link the provider did not create; refusing to replace it" >&2; exit 4 ;;
            esac
          elif [ -e "$dst" ]; then
            echo "$dst exists and was not created by the provider; refusing to replace it" >&2; exit 4
          fi
          ln -sfn -- "$src" "$dst"
        done
        """;

    /// <summary>Fixed script; arguments: units dir, runtime dir, file names. Removes only links into the units dir.</summary>
    private const string UnlinkScript = """
        set -eu
        units=$1 run=$2
        shift 2
        [ -d "$run" ] || { echo no-systemd; exit 0; }
        for f in "$@"; do
          dst="$run/$f"
          if [ -L "$dst" ]; then
            case "$(readlink -- "$dst")" in "$units"/*) rm -f -- "$dst" ;; esac
          fi
          case "$f" in */*) rmdir -- "$(dirname -- "$dst")" 2>/dev/null || true ;; esac
        done
        """;

    /// <summary>Exit code of <see cref="TrustCheck"/> when a path is not safe to hold units.</summary>
    private const int UntrustedExitCode = 6;

    private readonly Remote _remote;

    public SystemdUnits(Remote remote)
    {
        _remote = remote;
    }

    /// <summary>
    /// Writes <paramref name="files"/> under <c>&lt;state&gt;/units</c>, links them, daemon-reloads and
    /// restarts <paramref name="timersToStart"/>. Returns a warning sentence when systemd is not
    /// running on the host (files written only), else null. Throws <see cref="HostException"/>.
    /// </summary>
    /// <param name="existing">
    /// Set when the files are new (a resource's create): none of them may exist yet, and the
    /// exception it returns (<see cref="Kit.Ownership.AlreadyExists"/>) is thrown when one does.
    /// Each file is claimed under the host lock, so of two creates racing for one name only one
    /// writes.
    /// </param>
    public async Task<string?> InstallAsync(IReadOnlyList<UnitFile> files, IReadOnlyList<string> timersToStart, CancellationToken ct, Func<DiagnosticException>? existing = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(timersToStart);
        foreach (var file in files)
        {
            CheckName(file.Name);
        }
        await RunCheckedAsync(PreflightScript, [UnitsDir, .. files.Select(f => f.Name)], ct).ConfigureAwait(false);
        if (existing is not null)
        {
            foreach (var file in files)
            {
                if (await ReadAsync(file.Name, ct).ConfigureAwait(false) is not null)
                {
                    throw existing();
                }
            }
        }
        foreach (var file in files)
        {
            var path = UnitNames.Directory + "/" + file.Name;
            if (existing is null)
            {
                await _remote.StateDir.WriteFileAsync(path, file.Content, secret: false, ct).ConfigureAwait(false);
            }
            else if (!await _remote.StateDir.CreateFileAsync(path, file.Content, secret: false, ct).ConfigureAwait(false))
            {
                throw existing();
            }
        }
        if (!await LinkAsync(LinkScript, [.. files.Select(f => f.Name)], ct).ConfigureAwait(false))
        {
            return NotRunning("written to " + UnitsDir + " but not linked, loaded or started");
        }
        await SystemctlAsync(["daemon-reload"], ct).ConfigureAwait(false);
        foreach (var timer in timersToStart)
        {
            CheckName(timer);
            // restart, not start: a changed OnCalendar= only takes effect when the timer restarts.
            await SystemctlAsync(["restart", timer], ct).ConfigureAwait(false);
        }
        return null;
    }

    /// <summary>
    /// Stops the timers among <paramref name="unitNames"/>, removes their links and files, and
    /// daemon-reloads. Same systemd-absent rule as <see cref="InstallAsync"/>.
    /// </summary>
    public async Task<string?> RemoveAsync(IReadOnlyList<string> unitNames, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(unitNames);
        foreach (var name in unitNames)
        {
            CheckName(name);
        }
        var running = await SystemdPresence.IsRunningAsync(_remote, ct).ConfigureAwait(false);
        if (running)
        {
            foreach (var timer in unitNames.Where(n => n.EndsWith(".timer", StringComparison.Ordinal)))
            {
                // A unit that is not loaded is already stopped: "stop" then exits 5; ignore that.
                var stop = await _remote.RunToolAsync("systemctl", ["stop", timer], ct).ConfigureAwait(false);
                if (!stop.Succeeded && stop.ExitCode != 5)
                {
                    throw new HostException("Cannot stop a timer", stop.Describe());
                }
            }
            await LinkAsync(UnlinkScript, unitNames, ct).ConfigureAwait(false);
        }
        foreach (var name in unitNames)
        {
            await _remote.StateDir.RemoveFileAsync(UnitNames.Directory + "/" + name, ct).ConfigureAwait(false);
        }
        if (!running)
        {
            return NotRunning("removed from " + UnitsDir + "; nothing was loaded to stop");
        }
        await SystemctlAsync(["daemon-reload"], ct).ConfigureAwait(false);
        return null;
    }

    /// <summary>Current content of <c>&lt;state&gt;/units/&lt;name&gt;</c>, or null when absent.</summary>
    public Task<string?> ReadAsync(string unitName, CancellationToken ct)
    {
        CheckName(unitName);
        return _remote.StateDir.ReadFileAsync(UnitNames.Directory + "/" + unitName, ct);
    }

    /// <summary>The argv arrays of the ExecStart= lines of a service file (see <see cref="ExecStartParser"/>).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ExecStarts(string serviceContent) => ExecStartParser.Parse(serviceContent);

    private string UnitsDir => _remote.StateDir.PathOf(UnitNames.Directory);

    private string NotRunning(string what) =>
        $"systemd is not running on remote \"{_remote.Name}\" ({UnitNames.RuntimeDirectory} does not exist): the unit files were {what}. " +
        "On a systemd host the foundation's homelab-units.service links and starts them at boot; run `tofu apply` again once systemd runs to start them now.";

    /// <summary>Runs a link/unlink script; false when systemd is not running.</summary>
    private async Task<bool> LinkAsync(string script, IReadOnlyList<string> names, CancellationToken ct)
    {
        var result = await RunCheckedAsync(script, [UnitsDir, UnitNames.RuntimeDirectory, .. names], ct).ConfigureAwait(false);
        return result.Stdout.Trim() != "no-systemd";
    }

    private async Task<CommandResult> RunCheckedAsync(string script, IReadOnlyList<string> args, CancellationToken ct)
    {
        var result = await _remote.Connection.RunAsync(new HostCommand(["/bin/sh", "-c", script, "sh", .. args]), ct).ConfigureAwait(false);
        if (result.ExitCode == UntrustedExitCode)
        {
            throw new HostException("Unsafe state directory",
                $"On remote \"{_remote.Name}\" the unit files were not installed: {result.Stderr.Trim()} (The state dir is set by `state_dir` on the remote.)");
        }
        if (!result.Succeeded)
        {
            throw new HostException("Cannot link the unit files", $"On remote \"{_remote.Name}\": {result.Describe()}");
        }
        return result;
    }

    private async Task SystemctlAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var result = await _remote.RunToolAsync("systemctl", args, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new HostException($"`systemctl {string.Join(' ', args)}` failed", $"On remote \"{_remote.Name}\": {result.Describe()}");
        }
    }

    private static void CheckName(string name)
    {
        if (UnitNames.CheckFileName(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }
    }
}
