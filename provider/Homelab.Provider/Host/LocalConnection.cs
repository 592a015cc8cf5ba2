using System.Diagnostics;
using Homelab.Provider.Framework.Hosting;

namespace Homelab.Provider.Host;

/// <summary>
/// Runs commands on the machine running tofu, with <see cref="Process"/> and an argument list (no
/// shell). The child gets <c>LC_ALL=C</c> so tool output is parseable; stdin carries secrets.
/// </summary>
internal sealed class LocalConnection(RemoteSettings settings) : IHostConnection
{
    public RemoteSettings Settings { get; } = settings;

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
        psi.Environment["LC_ALL"] = "C";
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
