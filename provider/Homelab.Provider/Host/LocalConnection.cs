using System.Diagnostics;
using Homelab.Provider.Framework.Hosting;

namespace Homelab.Provider.Host;

/// <summary>
/// Runs commands on the machine running tofu, with <see cref="Process"/> and an argument list (no
/// shell). The child gets a minimal, explicit environment (<see cref="ChildEnvironment"/>), never
/// tofu's own: that holds the operator's cloud credentials, <c>TF_VAR_*</c> secrets and
/// <c>RESTIC_*</c> settings, which must neither leak into host tools nor change what they do
/// (a stray <c>RESTIC_PASSWORD</c> would open a repository the job's own password file does not).
/// stdin carries secrets.
/// </summary>
internal sealed class LocalConnection(RemoteSettings settings, Func<string, string?>? environment = null) : IHostConnection
{
    /// <summary>Used when tofu runs without PATH: the NixOS system profile, then the usual directories.</summary>
    public const string FallbackPath = "/run/wrappers/bin:/run/current-system/sw/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Variables passed through when set: where tools are, whose they run as, where temp files and the clock are.</summary>
    private static readonly string[] PassedThrough = ["HOME", "USER", "LOGNAME", "TMPDIR", "TZ"];

    private readonly IReadOnlyDictionary<string, string> _environment = ChildEnvironment(environment ?? Environment.GetEnvironmentVariable);

    public RemoteSettings Settings { get; } = settings;

    /// <summary>
    /// The whole environment of every local host command: PATH (tofu's, else <see cref="FallbackPath"/>),
    /// the variables in <see cref="PassedThrough"/> that are set, and <c>LANG</c>/<c>LC_ALL=C</c> so
    /// tool output is parseable. Nothing else.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ChildEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = environment("PATH") is { Length: > 0 } path ? path : FallbackPath,
            ["LANG"] = "C",
            ["LC_ALL"] = "C",
        };
        foreach (var name in PassedThrough)
        {
            if (environment(name) is { Length: > 0 } value)
            {
                env[name] = value;
            }
        }
        return env;
    }

    public async Task<CommandResult> RunAsync(HostCommand command, CancellationToken cancellationToken)
    {
        var argv = Settings.WithSudo(command);
        var psi = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var a in argv.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment.Clear();
        foreach (var (name, value) in _environment)
        {
            psi.Environment[name] = value;
        }
        var timeout = command.Timeout ?? Settings.CommandTimeout;
        PluginLog.Debug("host command", ("remote", Settings.Name), ("argv", command.ToString()));

        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new CommandResult(command, 127, "", $"{argv[0]}: {ex.Message}");
        }
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeoutCts = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
        try
        {
            try
            {
                if (command.Stdin is { } input)
                {
                    await process.StandardInput.WriteAsync(input.AsMemory(), linked.Token).ConfigureAwait(false);
                }
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The command exited without reading all of stdin; its exit code tells the rest.
            }
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            throw new HostException("Command timed out",
                $"`{command}` on remote \"{Settings.Name}\" did not finish within {timeout.TotalSeconds:0} s and was killed. Raise `command_timeout` on the remote if the host is just slow.");
        }
        return new CommandResult(command, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
